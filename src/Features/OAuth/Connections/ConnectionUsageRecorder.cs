using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Data.Common;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.OAuth.Connections;

/// <summary>
/// Records "last used" per connection at most once a minute per connection (remembered in memory), so
/// IFTTT's polling costs no database write per request. The throttle is per instance: several instances on one
/// database, or a restart, merely write the same stamp a few more times (decision 0027). API calls only queue the
/// stamp (<see cref="Touch"/>, written by <see cref="ConnectionUsageWriter"/>); the token endpoint writes it at once.
/// </summary>
public sealed class ConnectionUsageRecorder(IDbContextFactory<AppDbContext> dbFactory, ConnectionUsageWriter writer, TimeProvider clock,
    ILogger<ConnectionUsageRecorder> logger)
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastWritten = new(StringComparer.Ordinal);

    /// <summary>For the IFTTT API's hot path: queues the stamp (when due) and returns at once.</summary>
    public ValueTask Touch(string? authorizationId) =>
        Due(authorizationId, out var now) ? writer.EnqueueAsync(new ConnectionUse(authorizationId, now)) : ValueTask.CompletedTask;

    public async ValueTask TouchAsync(string? authorizationId, CancellationToken ct = default)
    {
        if (!Due(authorizationId, out var now))
        {
            return;
        }

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
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            // Losing one "last used" stamp is harmless; failing IFTTT's request over it is not.
            logger.LogDebug(ex, "Could not stamp the last use of authorization {AuthorizationId}", authorizationId);
        }
    }

    private bool Due([NotNullWhen(true)] string? authorizationId, out DateTimeOffset now)
    {
        now = clock.GetUtcNow();
        if (string.IsNullOrEmpty(authorizationId) ||
            (_lastWritten.TryGetValue(authorizationId, out var last) && now - last < Resolution))
        {
            return false;
        }
        _lastWritten[authorizationId] = now;
        return true;
    }
}
