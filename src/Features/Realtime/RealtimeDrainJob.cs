namespace AdminPortal.Features.Realtime;

/// <summary>Hangfire safety net: drains on a schedule in case the in-process dispatcher is stuck.</summary>
public sealed class RealtimeDrainJob(RealtimeDrainer drainer)
{
    public async Task RunAsync(CancellationToken ct) => await drainer.DrainAsync(ct);
}
