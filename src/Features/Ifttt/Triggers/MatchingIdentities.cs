using System.Text;
using System.Text.Json;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.Triggers;

/// <summary>
/// The realtime extension point: which active trigger identities a new event concerns. An identity
/// matches when its stored <see cref="TriggerIdentity.MatchKey"/> is one of the event's match keys
/// (<see cref="Timelines.MatchShapes.EventKeys"/>) for the same user — the same rule a poll applies,
/// so realtime never nudges for an event the poll would not return. Identities IFTTT polled in test
/// mode (its endpoint tests) are never nudged.
/// </summary>
public static class MatchingIdentities
{
    public static async Task<List<string>> FindAsync(AppDbContext db, string userId, IReadOnlyCollection<long> eventKeys, CancellationToken ct)
    {
        if (eventKeys.Count == 0)
        {
            return [];
        }
        var keys = eventKeys.ToList();
        return await db.Set<TriggerIdentity>().AsNoTracking()
            .Where(i => i.UserId == userId && i.EndedAt == null && !i.TestMode && keys.Contains(i.MatchKey))
            .Select(i => i.Id)
            .ToListAsync(ct);
    }

    /// <summary>
    /// The same rule for a whole ingest batch in one statement: the (user, key) pairs travel as one JSON parameter
    /// and each is an index lookup on (UserId, MatchKey). Ingest holds SQLite's write lock while it asks, so one
    /// statement instead of one query per user is what keeps a 1000-event batch short.
    /// </summary>
    public static async Task<List<string>> FindForEventsAsync(AppDbContext db, IReadOnlyDictionary<string, HashSet<long>> keysByUser, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        using (var pairs = new Utf8JsonWriter(buffer))
        {
            pairs.WriteStartArray(); // [[userId, key], …]
            foreach (var (userId, keys) in keysByUser)
            {
                foreach (var key in keys)
                {
                    pairs.WriteStartArray();
                    pairs.WriteStringValue(userId);
                    pairs.WriteNumberValue(key);
                    pairs.WriteEndArray();
                }
            }
            pairs.WriteEndArray();
        }
        if (keysByUser.All(u => u.Value.Count == 0))
        {
            return [];
        }
        var json = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return await db.Database.SqlQuery<string>($"""
            SELECT t."Id" AS "Value" FROM json_each({json}) AS p
            JOIN "TriggerIdentities" AS t ON t."UserId" = json_extract(p.value, '$[0]') AND t."MatchKey" = json_extract(p.value, '$[1]')
            WHERE t."EndedAt" IS NULL AND NOT t."TestMode"
            """).ToListAsync(ct);
    }
}
