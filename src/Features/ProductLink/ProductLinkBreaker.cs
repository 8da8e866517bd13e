using AdminPortal.Data;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.OAuth.Health;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.ProductLink;

/// <summary>
/// What happens once when the product refuses a user's refresh token. IFTTT must learn that the link is gone, so
/// the user's IFTTT authorizations are revoked: its next user/info or poll gets a 401 and IFTTT asks the user to
/// reconnect, and nothing new is looked up on the poll path. Token health says why, and the user gets one email.
/// </summary>
public sealed class ProductLinkBreaker(
    IDbContextFactory<AppDbContext> dbFactory,
    ConnectionsService connections,
    TokenHealthRecorder health,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<ProductLinkBreaker> logger)
{
    public const string Reason = "product_link_broken";

    /// <summary>The reconnect email's notice key starts with this, then the user id and the break's time.</summary>
    public const string NoticeKeyPrefix = "product-link-broken:";

    public async Task BreakAsync(string userId, string detail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Conditional: of several callers refused at once, exactly one performs the break (one email per break).
        var broke = await db.Set<ProductLinkRecord>().Where(l => l.UserId == userId && l.State == ProductLinkState.Valid)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.State, ProductLinkState.Broken).SetProperty(x => x.BrokenAt, now)
                .SetProperty(x => x.BrokenReason, detail.Length > 300 ? detail[..300] : detail), CancellationToken.None);
        if (broke == 0)
        {
            return;
        }
        logger.LogWarning("The product refused the refresh token of user {UserId}; their IFTTT link is revoked until they sign in again", userId);
        foreach (var connection in await connections.ListAsync(userId, CancellationToken.None))
        {
            await connections.DisconnectAnyAsync(connection.AuthorizationId, CancellationToken.None);
        }
        await health.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.ProductLink, Succeeded: false, Reason, detail), CancellationToken.None);
        jobs.Enqueue<ProductLinkNotices>(n => n.SendBrokenNoticeAsync(userId, $"{NoticeKeyPrefix}{userId}:{now.UtcTicks}", CancellationToken.None));
    }
}
