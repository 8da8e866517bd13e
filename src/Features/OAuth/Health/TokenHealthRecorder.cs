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
    ILogger<TokenHealthRecorder> logger)
{
    public async Task RecordAsync(TokenCheckEvent e, CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Add(new TokenCheck
            {
                At = clock.GetUtcNow(), UserId = e.UserId, Kind = e.Kind, Succeeded = e.Succeeded,
                Reason = e.Reason, Detail = Truncate(e.Detail, 300), StatusCode = e.StatusCode,
            });
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

        var record = await db.Set<TokenHealthRecord>().FindAsync([userId], ct);
        if (record is null)
        {
            record = new TokenHealthRecord { UserId = userId };
            db.Add(record);
        }
        TokenHealthRules.Apply(record, since, lastCheck, await links.IsConnectedAsync(userId, ct), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
