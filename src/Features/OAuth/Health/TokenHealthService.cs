using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>One linked user's token health, as the dashboard shows it.</summary>
public sealed record TokenHealthView(
    string UserId, string? Email, TokenHealthState State, int FailedChecks, DateTimeOffset? FirstFailureAt,
    DateTimeOffset? LastFailureAt, string? LastFailureReason, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastCheckAt,
    DateTimeOffset UpdatedAt);

/// <summary>Reads the computed token health (kept current by <see cref="TokenHealthRecorder"/> and the token-health job).</summary>
public sealed class TokenHealthService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Null when the user never linked and IFTTT never called with a token of theirs.</summary>
    public async Task<TokenHealthView?> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await QueryAsync(db, db.Set<TokenHealthRecord>().Where(h => h.UserId == userId), ct)).FirstOrDefault();
    }

    /// <summary>Everyone tracked, optionally only some states; worst first (disabled, failing, then the rest).</summary>
    public async Task<IReadOnlyList<TokenHealthView>> ListAsync(IReadOnlyCollection<TokenHealthState>? states = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<TokenHealthRecord>().AsQueryable();
        if (states is { Count: > 0 })
        {
            query = query.Where(h => states.Contains(h.State));
        }
        return [.. (await QueryAsync(db, query, ct))
            .OrderBy(v => v.State switch { TokenHealthState.LikelyDisabled => 0, TokenHealthState.Failing => 1, TokenHealthState.Disconnected => 3, _ => 2 })
            .ThenByDescending(v => v.FailedChecks)];
    }

    /// <summary>Linked users whose Applets are failing or most likely disabled already.</summary>
    public Task<IReadOnlyList<TokenHealthView>> AtRiskAsync(CancellationToken ct = default) =>
        ListAsync([TokenHealthState.Failing, TokenHealthState.LikelyDisabled], ct);

    /// <summary>How many users are in each state, for the dashboard's summary.</summary>
    public async Task<IReadOnlyDictionary<TokenHealthState, int>> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<TokenHealthRecord>().GroupBy(h => h.State).ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
    }

    /// <summary>The latest raw events of a user (or of unknown users, with null), newest first.</summary>
    public async Task<IReadOnlyList<TokenCheck>> RecentChecksAsync(string? userId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<TokenCheck>().AsNoTracking().Where(c => c.UserId == userId)
            // Id breaks ties of one instant (a frozen clock, a burst): SQLite happened to answer those in insertion order, PostgreSQL need not.
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(take).ToListAsync(ct);
    }

    private static async Task<List<TokenHealthView>> QueryAsync(AppDbContext db, IQueryable<TokenHealthRecord> records, CancellationToken ct) =>
        await (from h in records
               join u in db.Users on h.UserId equals u.Id into users
               from u in users.DefaultIfEmpty()
               select new TokenHealthView(h.UserId, u == null ? null : u.Email, h.State, h.FailedChecks, h.FirstFailureAt,
                   h.LastFailureAt, h.LastFailureReason, h.LastSuccessAt, h.LastCheckAt, h.UpdatedAt))
            .ToListAsync(ct);
}
