using System.Net;
using System.Text;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>A form the reader refuses (too many fields, a huge value, a NUL) is OAuth's invalid_request, not a 500.</summary>
public sealed class MalformedFormTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Forms => new()
    {
        { "a NUL in a value", "grant_type=authorization_code&code=%00abc&client_id=ifttt" },
        { "more than 1,024 fields", string.Join("&", Enumerable.Range(0, 1100).Select(i => $"f{i}=1")) },
        { "a value over 4 MiB", "grant_type=refresh_token&refresh_token=" + new string('a', 4 * 1024 * 1024 + 10) },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task TokenEndpoint_FormTheReaderRefuses_IsInvalidRequest(string what, string form)
    {
        var response = await factory.CreateClient().PostAsync("/connect/token",
            new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"), Ct);

        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(json.GetProperty("error").GetString() == "invalid_request", what);
        Assert.StartsWith("The request's form cannot be read", json.GetProperty("error_description").GetString());
    }
}
