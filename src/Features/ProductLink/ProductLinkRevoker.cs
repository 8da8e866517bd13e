using AdminPortal.Data;
using AdminPortal.Features.OAuth.Connections;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.ProductLink;

/// <summary>
/// Disconnecting IFTTT (on /Account or by an admin) also ends AdminPortal's hold on the product: the refresh token is
/// revoked at the product when it offers RFC 7009 revocation, and the link is marked as ended. Best effort at the
/// product: the IFTTT side is already revoked, and a product that is down must not undo that.
/// </summary>
public sealed class ProductLinkRevoker(IDbContextFactory<AppDbContext> dbFactory, ProductTokens tokens, ProductTokenClient client,
    TimeProvider clock, ILogger<ProductLinkRevoker> logger) : IConnectionRevokedHandler
{
    public const string DisconnectedReason = "Disconnected from IFTTT; the product tokens were given back.";

    public async Task OnRevokedAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.Set<ProductLinkRecord>().FirstOrDefaultAsync(l => l.UserId == userId, ct);
        if (link is not { State: ProductLinkState.Valid })
        {
            return; // no link, or broken already (the product refused it: nothing left to give back)
        }
        if (await tokens.RefreshTokenOfAsync(userId, ct) is { } refresh)
        {
            try
            {
                await client.RevokeAsync(refresh, "refresh_token", ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Could not revoke user {UserId}'s product tokens at the product: {Error}", userId, ex.Message);
            }
        }
        link.State = ProductLinkState.Broken;
        link.BrokenAt = clock.GetUtcNow();
        link.BrokenReason = DisconnectedReason;
        link.ProtectedAccessToken = null;
        link.ProtectedRefreshToken = null;
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
