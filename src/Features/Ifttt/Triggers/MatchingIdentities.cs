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
}
