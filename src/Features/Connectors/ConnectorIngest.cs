using AdminPortal.Features.Ingest;

namespace AdminPortal.Features.Connectors;

/// <summary>
/// The one place connectors write events: the ingest use case (<see cref="IngestService"/>: validation against the
/// declared trigger, dedup by source id, match keys, realtime outbox in one transaction) and its user lookup by the
/// product's id (<c>AppUser.ExternalId</c>).
/// </summary>
public sealed class ConnectorIngest(IngestService ingest, UserResolver users)
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

    /// <summary>Stores the events all or nothing.</summary>
    /// <param name="events">Each with the index of the product item it came from, so a refusal can name that item.</param>
    /// <returns>How many were new (the rest already stored under their source id), or the refused items' messages.</returns>
    public async Task<(int Stored, int Duplicates, IReadOnlyList<string> Errors)> StoreAsync(IReadOnlyList<(int Index, NewEvent Event)> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return (0, 0, []);
        }
        var result = await ingest.IngestAsync([.. events.Select(e => e.Event)], ct);
        var errors = result.Items.Select((item, i) => item.Outcome == IngestOutcome.Invalid ? $"items[{events[i].Index}]: {item.Error}" : null)
            .OfType<string>().ToList();
        return (result.Items.Count(i => i.Outcome == IngestOutcome.Stored), result.Items.Count(i => i.Outcome == IngestOutcome.Duplicate), errors);
    }
}
