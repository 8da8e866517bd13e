using AdminPortal.Features.Preflight;
using AdminPortal.Features.Preflight.Checks;

namespace AdminPortal.IntegrationTests.Preflight;

/// <summary>IFTTT's authentication tests run by the preflight: login form, consent, client_secret_post, refresh and its grace.</summary>
public sealed class PreflightAuthTests
{
    [Fact]
    public async Task DemoService_WithTestUserAndClientSecret_EveryTestPasses()
    {
        await using var factory = new PreflightFactory();

        var results = await factory.RunAsync(factory.Target(await factory.TestUserAuthAsync()));

        PreflightAssert.Green(results, PreflightFactory.AlwaysSkipped);
        Assert.All(AuthChecks.Names, name => Assert.Equal(PreflightOutcome.Passed, Assert.Single(results, r => r.Test == name).Outcome));
    }

    [Fact]
    public async Task WrongPassword_FailsTheCodeFlowAndSaysWhy()
    {
        await using var factory = new PreflightFactory();
        var auth = await factory.TestUserAuthAsync() with { Password = "not-the-password" };

        var results = await factory.RunAsync(factory.Target(auth));

        var failed = PreflightAssert.FailsOnly(results, AuthChecks.CodeFlow);
        Assert.Contains("did not succeed: the login form came back", failed.Why);
        Assert.Equal(PreflightOutcome.Skipped, Assert.Single(results, r => r.Test == AuthChecks.Refresh).Outcome);
    }

    [Fact]
    public async Task WrongClientSecret_FailsTheCodeExchangeNamingTheSecret()
    {
        await using var factory = new PreflightFactory();
        var auth = await factory.TestUserAuthAsync() with { ClientSecret = "not-the-secret" };

        var failed = PreflightAssert.FailsOnly(await factory.RunAsync(factory.Target(auth)), AuthChecks.CodeExchange);

        Assert.Equal("Expected 200, got 401.", failed.Why);
        Assert.Contains("client secret typed into IFTTT's platform", failed.Fix);
    }
}
