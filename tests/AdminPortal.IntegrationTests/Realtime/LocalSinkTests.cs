using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Realtime;

/// <summary>
/// Development's default realtime target (appsettings.Development.json: Ifttt:RealtimeUrl=local): nudges are batched
/// and recorded as delivered by the in-app sink, with no network at all (this test sets no realtime URL).
/// </summary>
public sealed class LocalSinkTests : RealtimeTestBase
{
    [Fact]
    public async Task Development_WithoutARealtimeUrl_NudgesAreDeliveredToTheLocalSinkAndNothingLeaves()
    {
        await using var app = AdminPortalFactory.OverDirectory(AdminPortalFactory.NewDataDirectory());
        app.Settings["Ifttt:Realtime:DebounceWindow"] = "00:00:00.100";
        // Batches wait for a service key even in Development, as they would before going to IFTTT.
        app.Settings["Ifttt:ServiceKey"] = ServiceKey;

        await QueueAsync(app, ["identity-local-1", "identity-local-2"]);

        await WaitUntilAsync(async () => (await ReadAsync<RealtimeBatch>(app)).Any(b => b.State == BatchState.Delivered), TimeSpan.FromSeconds(15));
        var batch = Assert.Single(await ReadAsync<RealtimeBatch>(app));
        Assert.Equal(BatchState.Delivered, batch.State);
        Assert.Equal(2, batch.EntryCount);
    }
}
