using AdminPortal.Features.Dashboard.ServiceSettings;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Realtime;

/// <summary>Realtime calls carry the key IFTTT issued, the same one the service checks; none is sent without it.</summary>
public sealed class RealtimeServiceKeyTests : RealtimeTestBase
{
    [Fact]
    public async Task Nudge_NoKeyThenKeyPasted_WaitsThenGoesOutWithThePastedKey()
    {
        App.Settings["Ifttt:ServiceKey"] = "";
        const string pasted = "realtime-key-from-ifttt-0123456789";

        await QueueAsync(App, ["door-a"]);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.Empty(Fake.Received);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ServiceAdmin>().ReplaceServiceKeyAsync(pasted, Ct));
        }

        var call = Assert.Single(await Fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(15)));
        Assert.Equal(pasted, call.Headers["IFTTT-Service-Key"]);
        Assert.Equal(["door-a"], call.Entries());
    }
}
