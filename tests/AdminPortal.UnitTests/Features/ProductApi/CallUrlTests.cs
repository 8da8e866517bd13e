using AdminPortal.Features.ProductApi.Calls;

namespace AdminPortal.UnitTests.Features.ProductApi;

public sealed class CallUrlTests
{
    [Fact]
    public void ForLog_SecretLookingQueryValues_AreMasked() =>
        Assert.Equal("http://p/api/events?after=evt_1&api_key=***&access_token=***&limit=5",
            CallUrl.ForLog(new Uri("http://p/api/events?after=evt_1&api_key=abc&access_token=t0k&limit=5")));
}
