using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Realtime;

public sealed class RealtimeDurabilityTests : RealtimeTestBase
{
    [Fact]
    public async Task PendingNotifications_AppStoppedBeforeSending_NewAppSendsThem()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        await using (var first = CreateApp(directory, debounce: TimeSpan.FromSeconds(30)))
        {
            await QueueAsync(first, ["survivor-1", "survivor-2"]);
        } // stopped inside its debounce window: nothing was sent

        Assert.Empty(Fake.Received);
        await using var second = CreateApp(directory);
        _ = second.Server;

        var call = Assert.Single(await Fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(["survivor-1", "survivor-2"], call.Entries().Order());
    }

    [Fact]
    public async Task Disabled_NotificationsRecordedAsSkipped_NothingSent()
    {
        await using var app = CreateApp(AdminPortalFactory.NewDataDirectory());
        app.Settings["Ifttt:Realtime:Enabled"] = "false";

        await QueueAsync(app, ["quiet"]);
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeNotification>(app)).Single().State == NotificationState.Skipped, TimeSpan.FromSeconds(10));

        Assert.Empty(Fake.Received);
    }
}
