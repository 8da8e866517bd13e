using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>
/// Recomputes every linked user's token health (states also move with time and with revocations made
/// outside the recorder, e.g. a disconnect), drops events too old to matter, and records the hour's counts per state
/// (<see cref="TokenHealthHistory"/>) for the overview's chart.
/// </summary>
public sealed class TokenHealthJob(
    IDbContextFactory<AppDbContext> dbFactory,
    IftttLinks links,
    TokenHealthRecorder recorder,
    TimeProvider clock)
{
    /// <summary>Well past IFTTT's two-week window, so a disabling run is never cut short.</summary>
    public static readonly TimeSpan KeepEventsFor = TimeSpan.FromDays(90);

    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - KeepEventsFor;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<TokenCheck>().Where(c => c.At < cutoff).ExecuteDeleteAsync(ct);

        var users = new HashSet<string>(await links.EverLinkedUserIdsAsync(ct), StringComparer.Ordinal);
        users.UnionWith(await db.Set<TokenHealthRecord>().Select(h => h.UserId).ToListAsync(ct));
        users.UnionWith(await db.Set<TokenCheck>().Where(c => c.UserId != null).Select(c => c.UserId!).Distinct().ToListAsync(ct));
        foreach (var userId in users)
        {
            await recorder.RecomputeAsync(userId, ct);
        }
        await TokenHealthHistory.RecordAsync(db, clock.GetUtcNow(), ct);
    }
}
