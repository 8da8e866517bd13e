using AdminPortal.Data;
using AdminPortal.Features.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts.Rules;

/// <summary>Realtime nudges that IFTTT never got: batches given up on, or notifications waiting too long.</summary>
internal sealed class RealtimeRule(IOptions<AlertOptions> options) : IAlertRule
{
    private RealtimeRuleOptions Options => options.Value.Rules.Realtime;

    public string Name => AlertRuleNames.Realtime;
    public bool Enabled => Options.Enabled;

    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var conditions = new List<AlertCondition>();
        var failed = await db.Set<RealtimeBatch>().CountAsync(b => b.State == BatchState.Failed, ct);
        if (failed >= Options.FailedBatches)
        {
            conditions.Add(new("failed-batches",
                $"{failed} realtime batch(es) failed after retrying for Ifttt:Realtime:MaxAge: IFTTT was not nudged for their events (it still finds them on its next regular poll).",
                "Open Realtime in the dashboard and read the last error of a failed batch (401: the service key is wrong — paste IFTTT's on the Service page; 5xx or timeouts: IFTTT or the network), fix it, then press Retry on each failed batch."));
        }
        // Oldest by id: the drain's own index (State, Id) answers it without a scan.
        var oldest = await db.Set<RealtimeNotification>()
            .Where(n => n.State == NotificationState.Pending || n.State == NotificationState.Batched)
            .OrderBy(n => n.Id).Select(n => (DateTimeOffset?)n.CreatedAt).FirstOrDefaultAsync(ct);
        if (oldest is { } since && now - since > TimeSpan.FromMinutes(Options.PendingMinutes))
        {
            conditions.Add(new("pending-age",
                $"The oldest realtime notification not yet delivered has waited {Minutes(now - since)} (limit {Options.PendingMinutes} min).",
                "Check the Service page (no service key set: nudges wait for one), the Realtime page's latest calls for errors or Retry-After, and the Jobs page for a stopped realtime-drain job."));
        }
        return conditions;
    }

    private static string Minutes(TimeSpan age) => $"{(int)age.TotalMinutes} min";
}
