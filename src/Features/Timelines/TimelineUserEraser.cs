using AdminPortal.Data;
using AdminPortal.Features.Accounts.Administration;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// Timelines' part of deleting a user: their events, the events' match keys and their trigger identities. Nobody can
/// poll them any more (the IFTTT link is revoked first), and events are never pruned, so they would stay for good.
/// </summary>
internal sealed class TimelineUserEraser : IUserDataEraser
{
    public async Task EraseAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        await db.Set<EventMatchKey>().Where(k => k.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<TimelineEvent>().Where(e => e.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<TriggerIdentity>().Where(i => i.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
