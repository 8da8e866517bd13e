using System.Data.Common;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>An event to record; the recorder stamps the time.</summary>
public sealed record TokenCheckEvent(string? UserId, TokenCheckKind Kind, bool Succeeded, string? Reason = null, string? Detail = null, int? StatusCode = null);

/// <summary>
/// Writes token-health events and keeps the affected user's computed state current. Recording is
/// best effort: it runs beside IFTTT's requests and must never turn their answer into a 500.
/// </summary>
public sealed class TokenHealthRecorder(
    IDbContextFactory<AppDbContext> dbFactory,
    IftttLinks links,
    TimeProvider clock,
    TokenCheckWriter writer,
    ILogger<TokenHealthRecorder> logger)
{
    /// <summary>Writes the event and the user's state before returning.</summary>
    public async Task RecordAsync(TokenCheckEvent e, CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Add(Stamped(e));
            await db.SaveChangesAsync(ct);
            if (e.UserId is not null)
            {
                await RecomputeAsync(db, e.UserId, ct);
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            logger.LogWarning(ex, "Could not record a {Kind} token check for user {UserId}", e.Kind, e.UserId ?? "(unknown)");
        }
    }

    /// <summary>
    /// Stamps the event now and leaves it to <see cref="TokenCheckWriter"/>, which stores it with others shortly: for the
    /// successes of IFTTT's refreshes and user/info calls, so their answers do not wait for two write transactions.
    /// </summary>
    public ValueTask QueueAsync(TokenCheckEvent e) => writer.EnqueueAsync(Stamped(e));

    /// <summary>
    /// Queued checks in one transaction, then each of their users' state. The common case is cheap: a healthy user's
    /// successes change nothing but the times (no failure to count), so only a user who was not healthy is recomputed
    /// from the stored checks. A failure written meanwhile recomputed its user itself and left it not healthy.
    /// </summary>
    internal async Task WriteAsync(IReadOnlyList<TokenCheck> checks, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.AddRange(checks);
        await db.SaveChangesAsync(ct);
        var byUser = checks.Where(c => c.UserId is not null).GroupBy(c => c.UserId!, StringComparer.Ordinal).ToList();
        var ids = byUser.Select(g => g.Key).ToList();
        var records = await db.Set<TokenHealthRecord>().Where(r => ids.Contains(r.UserId)).ToDictionaryAsync(r => r.UserId, StringComparer.Ordinal, ct);
        foreach (var user in byUser)
        {
            if (records.TryGetValue(user.Key, out var record) && record.State == TokenHealthState.Healthy && user.All(c => c.Succeeded))
            {
                record.LastSuccessAt = Later(record.LastSuccessAt, user.Max(c => c.At));
                if (user.Any(c => c.Kind == TokenCheckKind.UserInfo))
                {
                    record.LastCheckAt = Later(record.LastCheckAt, user.Where(c => c.Kind == TokenCheckKind.UserInfo).Max(c => c.At));
                }
                record.UpdatedAt = clock.GetUtcNow();
            }
            else
            {
                await RecomputeAsync(db, user.Key, ct);
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static DateTimeOffset Later(DateTimeOffset? stored, DateTimeOffset seen) => stored is { } s && s > seen ? s : seen;

    private TokenCheck Stamped(TokenCheckEvent e) => new()
    {
        At = clock.GetUtcNow(), UserId = e.UserId, Kind = e.Kind, Succeeded = e.Succeeded,
        Reason = e.Reason, Detail = Truncate(e.Detail, 300), StatusCode = e.StatusCode,
    };

    public async Task RecomputeAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RecomputeAsync(db, userId, ct);
    }

    private async Task RecomputeAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        var checks = db.Set<TokenCheck>().Where(c => c.UserId == userId);
        var lastSuccess = await checks.Where(c => c.Succeeded).OrderByDescending(c => c.At).Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(ct);
        var lastCheck = await checks.Where(c => c.Kind == TokenCheckKind.UserInfo).OrderByDescending(c => c.At).Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(ct);
        var since = await checks.Where(c => lastSuccess == null || c.At >= lastSuccess).AsNoTracking().ToListAsync(ct);

        var connected = await links.IsConnectedAsync(userId, ct);
        var record = await db.Set<TokenHealthRecord>().FindAsync([userId], ct);
        var added = record is null;
        if (record is null)
        {
            record = new TokenHealthRecord { UserId = userId };
            db.Add(record);
        }
        TokenHealthRules.Apply(record, since, lastCheck, connected, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (added)
        {
            // Another writer created the user's record after this one looked (the queued checks' batch beside a check
            // written at once): apply the same state to theirs. Inside the batch's transaction EF rolled back to the
            // savepoint it takes before each save, so the transaction goes on.
            db.Entry(record).State = EntityState.Detached;
            if (await db.Set<TokenHealthRecord>().FindAsync([userId], ct) is not { } existing)
            {
                throw;
            }
            TokenHealthRules.Apply(existing, since, lastCheck, connected, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
    }

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
