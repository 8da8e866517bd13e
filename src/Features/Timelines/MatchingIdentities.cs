using AdminPortal.Data;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// The realtime extension point: which active trigger identities new events concern. An identity
/// matches when its stored <see cref="TriggerIdentity.MatchKey"/> is one of an event's match keys
/// (<see cref="MatchShapes.EventKeys"/>) for the same user — the same rule a poll applies,
/// so realtime never nudges for an event the poll would not return. Identities IFTTT polled in test
/// mode (its endpoint tests) are never nudged.
/// </summary>
public sealed class MatchingIdentities(ITriggerIdentitySql sql)
{
    /// <summary>
    /// The rule for a whole ingest batch in one statement: the (user, key) pairs travel as one parameter. Ingest holds
    /// SQLite's write lock while it asks, so one statement instead of one query per user is what keeps a 1000-event
    /// batch short.
    /// </summary>
    public async Task<List<string>> FindForEventsAsync(AppDbContext db, IReadOnlyDictionary<string, HashSet<long>> keysByUser, CancellationToken ct)
    {
        var pairs = new JsonRows(1024);
        foreach (var (userId, keys) in keysByUser)
        {
            foreach (var key in keys)
            {
                pairs.Row(w =>
                {
                    w.WriteStringValue(userId);
                    w.WriteNumberValue(key);
                });
            }
        }
        return pairs.Count == 0 ? [] : await sql.ActiveIdsAsync(db, pairs.ToJson(), ct);
    }
}
