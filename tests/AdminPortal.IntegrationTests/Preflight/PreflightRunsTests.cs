using AdminPortal.Features.Preflight;
using AdminPortal.Features.Preflight.Checklist;
using AdminPortal.Features.Preflight.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Preflight;

/// <summary>The dashboard's side: a run with the stored service key, kept with its results; the publish checklist.</summary>
public sealed class PreflightRunsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DashboardRun_UsesTheStoredKey_KeepsEveryResultInOrder()
    {
        await using var factory = new PreflightFactory();
        var auth = await factory.TestUserAuthAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<PreflightDashboard>();

        var run = await dashboard.RunAsync(factory.ServerAddress, new PreflightCredentials(auth.ClientSecret, auth.User, auth.Password), "admin@test.local", Ct);

        var stored = await scope.ServiceProvider.GetRequiredService<PreflightStore>().FindAsync(run.Id, Ct);
        Assert.NotNull(stored);
        Assert.True(stored.Failed == 0, PreflightAssert.Describe(stored.Results.Select(r => new PreflightResult(r.Test, r.Method, r.Path, r.Status, r.Excerpt, r.Outcome, r.Why, r.Fix))));
        Assert.True(stored.WithAuth);
        Assert.Equal(stored.Passed + stored.Skipped, stored.Results.Count);
        Assert.Equal(Enumerable.Range(0, stored.Results.Count), stored.Results.Select(r => r.Position));
        Assert.Equal("status: 200 with the service key", stored.Results[0].Test);
        var realtime = Assert.Single(stored.Results, r => r.Test == "realtime: a nudge is accepted");
        Assert.Equal(PreflightOutcome.Skipped, realtime.Outcome);
        Assert.Contains("Ifttt:RealtimeUrl is 'local'", realtime.Why);
        Assert.Equal(run.Id, Assert.Single(await scope.ServiceProvider.GetRequiredService<PreflightStore>().RecentAsync(Ct)).Id);
    }

    [Fact]
    public async Task Checklist_ReadsTheInstallAndKeepsTickedApplets()
    {
        await using var factory = new PreflightFactory();
        _ = factory.ServerAddress;
        await using var scope = factory.Services.CreateAsyncScope();
        var checklist = scope.ServiceProvider.GetRequiredService<PublishChecklist>();

        var items = (await checklist.BuildAsync(new Uri("http://localhost:5080/"), Ct)).ToDictionary(i => i.Key);

        Assert.False(items["https"].Done);
        Assert.False(items["certificates"].Done);
        Assert.Contains("OAuth:SigningCertificate:Path and OAuth:EncryptionCertificate:Path not set", items["certificates"].Detail);
        Assert.True(items["service-key"].Done);
        Assert.True(items["sunset"].Done);
        Assert.False(items["applets"].Done);

        for (var n = 1; n <= PublishChecklist.SampleApplets; n++)
        {
            await checklist.TickAsync(PublishChecklist.AppletKey(n), true, $"Applet {n}", "admin", Ct);
        }
        await checklist.TickAsync(PublishChecklist.PlatformValuesKey, true, null, "admin", Ct);

        items = (await checklist.BuildAsync(new Uri("https://ifttt.example.com/"), Ct)).ToDictionary(i => i.Key);
        Assert.True(items["https"].Done);
        Assert.True(items["applets"].Done);
        Assert.True(items[PublishChecklist.PlatformValuesKey].Done);
        Assert.Equal("Applet 7", (await checklist.AppletsAsync(Ct))[6].Note);
    }
}
