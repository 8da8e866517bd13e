using System.Collections.Concurrent;
using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.OAuth.Connections;

/// <summary>
/// Records "last used" per connection at most once a minute per connection (remembered in memory), so
/// IFTTT's polling costs no database write per request. One app process per database (see SecretStore),
/// so the in-memory throttle is sound; a restart merely allows one extra write.
/// </summary>
public sealed class ConnectionUsageRecorder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<ConnectionUsageRecorder> logger)
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastWritten = new(StringComparer.Ordinal);

    public async ValueTask TouchAsync(string? authorizationId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(authorizationId))
        {
            return;
        }
        var now = clock.GetUtcNow();
        if (_lastWritten.TryGetValue(authorizationId, out var last) && now - last < Resolution)
        {
            return;
        }
        _lastWritten[authorizationId] = now;

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var updated = await db.Set<ConnectionUsage>().Where(u => u.AuthorizationId == authorizationId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastUsedAt, now), ct);
            if (updated == 0)
            {
                db.Add(new ConnectionUsage { AuthorizationId = authorizationId, LastUsedAt = now });
                await db.SaveChangesAsync(ct);
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or SqliteException)
        {
            // Losing one "last used" stamp is harmless; failing IFTTT's request over it is not.
            logger.LogDebug(ex, "Could not stamp the last use of authorization {AuthorizationId}", authorizationId);
        }
    }
}
