using AdminPortal.Features.Preflight;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Preflight;

/// <summary>The realtime test against a stand-in for IFTTT's Realtime API: the nudge carries the key and names the test user.</summary>
public sealed class PreflightRealtimeTests
{
    private const string Nudge = "realtime: a nudge is accepted";

    [Fact]
    public async Task RealtimeConfigured_SendsANudgeWithTheKeyForTheTestUser()
    {
        await using var realtime = await FakeIftttRealtime.StartAsync();
        await using var factory = new PreflightFactory();

        var results = await factory.RunAsync(factory.Target(realtime: new Uri(realtime.BaseUrl)));

        Assert.Equal(PreflightOutcome.Passed, Assert.Single(results, r => r.Test == Nudge).Outcome);
        var call = Assert.Single(realtime.Received);
        Assert.Equal(IftttFactory.ServiceKey, call.Headers["IFTTT-Service-Key"]);
        var userId = Assert.Single(call.Entries());
        var info = Assert.Single(results, r => r.Test == "user/info: 200 with the token");
        Assert.Contains(userId, info.Excerpt);
    }

    [Fact]
    public async Task RealtimeRefusingTheKey_FailsTheNudgeSayingWhichKey()
    {
        await using var realtime = await FakeIftttRealtime.StartAsync();
        realtime.Respond(401, """{"errors":[{"message":"Unauthorized"}]}""");
        await using var factory = new PreflightFactory();

        var results = await factory.RunAsync(factory.Target(realtime: new Uri(realtime.BaseUrl)));

        var failed = Assert.Single(results, r => r.Test == Nudge);
        Assert.Equal(PreflightOutcome.Failed, failed.Outcome);
        Assert.Equal("The Realtime API answered 401.", failed.Why);
        Assert.Contains("exactly the one IFTTT's platform shows", failed.Fix);
    }
}
