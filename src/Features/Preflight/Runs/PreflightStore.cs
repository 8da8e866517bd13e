using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Preflight.Runs;

/// <summary>The Preflight feature's tables: runs with their results, and the hand-ticked publish checks.</summary>
public sealed class PreflightStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Runs kept; older ones go when a new one is saved.</summary>
    public const int RunsKept = 50;

    public async Task<PreflightRun> SaveAsync(Uri baseUrl, string startedBy, bool withAuth, DateTimeOffset startedAt,
        IReadOnlyList<PreflightResult> results, CancellationToken ct = default)
    {
        var run = new PreflightRun
        {
            StartedAt = startedAt,
            FinishedAt = clock.GetUtcNow(),
            BaseUrl = baseUrl.ToString(),
            StartedBy = startedBy,
            WithAuth = withAuth,
            Passed = results.Count(r => r.Outcome == PreflightOutcome.Passed),
            Failed = results.Count(r => r.Outcome == PreflightOutcome.Failed),
            Skipped = results.Count(r => r.Outcome == PreflightOutcome.Skipped),
            Results = [.. results.Select((r, i) => new PreflightRunResult
            {
                Position = i, Test = r.Test, Method = r.Method, Path = Cut(r.Path, 2000)!, Status = r.Status, Excerpt = Cut(r.Excerpt, 600)!,
                Outcome = r.Outcome, Why = Cut(r.Why, 2000), Fix = Cut(r.Fix, 2000),
            })],
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Set<PreflightRun>().Add(run);
        await db.SaveChangesAsync(ct);
        var old = await db.Set<PreflightRun>().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Skip(RunsKept).Select(r => r.Id).ToListAsync(ct);
        await db.Set<PreflightRun>().Where(r => old.Contains(r.Id)).ExecuteDeleteAsync(ct);
        return run;
    }

    public async Task<IReadOnlyList<PreflightRun>> RecentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<PreflightRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(RunsKept).ToListAsync(ct);
    }

    public async Task<PreflightRun?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Set<PreflightRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is not null)
        {
            run.Results = await db.Set<PreflightRunResult>().AsNoTracking().Where(r => r.RunId == id).OrderBy(r => r.Position).ToListAsync(ct);
        }
        return run;
    }

    public async Task<IReadOnlyDictionary<string, PublishCheck>> ChecksAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<PublishCheck>().AsNoTracking().ToDictionaryAsync(c => c.Key, StringComparer.Ordinal, ct);
    }

    public async Task SetCheckAsync(string key, bool done, string? note, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var check = await db.Set<PublishCheck>().FindAsync([key], ct);
        if (check is null)
        {
            check = new PublishCheck { Key = key, UpdatedBy = actor };
            db.Set<PublishCheck>().Add(check);
        }
        (check.Done, check.Note, check.UpdatedAt, check.UpdatedBy) = (done, Cut(note?.Trim(), 200), clock.GetUtcNow(), actor);
        await db.SaveChangesAsync(ct);
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
