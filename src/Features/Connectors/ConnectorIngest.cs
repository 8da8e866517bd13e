using AdminPortal.Features.Ifttt.Ingest;
using AdminPortal.Features.Ifttt.Timelines;

namespace AdminPortal.Features.Connectors;

/// <summary>
/// The one place connectors write events: the same store ingest uses (dedup by source id, match keys, realtime
/// outbox in one transaction) and the same user lookup by the product's id (<c>AppUser.ExternalId</c>).
/// Kept to one class so moving to the Ingest feature's typed service (issue 12) changes this file only.
/// </summary>
public sealed class ConnectorIngest(EventStore store, UserResolver users)
{
    /// <summary>Product user ids → our user ids; product users who never linked are absent.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ResolveProductUsersAsync(IEnumerable<string> productUserIds, CancellationToken ct)
    {
        var ids = productUserIds.ToList();
        var resolved = await users.ResolveAsync(ids, ct);
        // The resolver also accepts our own ids; a webhook names the product's user, so only external ids count.
        return ids.Distinct(StringComparer.Ordinal)
            .Where(id => resolved.TryGetValue(id, out var ours) && ours != id)
            .ToDictionary(id => id, id => resolved[id], StringComparer.Ordinal);
    }

    /// <returns>How many were new (the rest were already stored under their source id).</returns>
    public async Task<int> StoreAsync(IReadOnlyList<(string UserId, NewEvent Event)> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return 0;
        }
        var stored = await store.AppendAsync(events, ct);
        return stored.Count(s => !s.Duplicate);
    }
}
