using AdminPortal.Data;
using AdminPortal.Features.ProductLink;
using AdminPortal.Features.Sunset;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Alerts.Reconnect;

/// <summary>When each user was last told to reconnect — this feature's prompt or the broken product link's email.</summary>
public sealed class ReconnectPromptQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastToldAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<string, DateTimeOffset>();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sent = await db.Set<NoticeDelivery>()
            .Where(d => d.UserId != null && userIds.Contains(d.UserId) && d.State == NoticeDeliveryState.Sent && d.SentAt != null
                && (d.NoticeKey.StartsWith(ReconnectPrompts.NoticeKeyPrefix) || d.NoticeKey.StartsWith(ProductLinkBreaker.NoticeKeyPrefix)))
            .Select(d => new { UserId = d.UserId!, SentAt = d.SentAt!.Value }).ToListAsync(ct);
        return sent.GroupBy(d => d.UserId).ToDictionary(g => g.Key, g => g.Max(d => d.SentAt), StringComparer.Ordinal);
    }
}
