using System.Collections.Concurrent;
using AdminPortal.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.ProductLink;

/// <summary>
/// The product tokens of each linked user: stored encrypted, refreshed shortly before they expire or after the
/// product rejected one, one refresh at a time per user (a rotated refresh token used twice would break the link).
/// On PostgreSQL, where several instances may call the product for one user at once, the in-memory gate is followed by
/// a database lock on the user (<see cref="PostgresAdvisoryLock"/>, docs/decisions/0028), and the link is read again
/// under it, so the instance that waited uses the token the other one stored instead of spending the old refresh token.
/// </summary>
public sealed class ProductTokens(
    IDbContextFactory<AppDbContext> dbFactory,
    IDataProtectionProvider protection,
    IServiceProvider services,
    TimeProvider clock,
    PostgresDatabase? postgres = null) : IProductTokens
{
    /// <summary>An access token this close to expiry is refreshed before use, so it cannot run out in flight.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(60);

    private readonly IDataProtector protector = protection.CreateProtector("AdminPortal.ProductLink.Tokens");
    private readonly ConcurrentDictionary<string, SemaphoreSlim> refreshing = new(StringComparer.Ordinal);

    public async Task<string> GetAccessTokenAsync(string userId, CancellationToken ct)
    {
        var link = await LoadUsableAsync(userId, ct);
        if (link.ProtectedAccessToken is { } access && (link.AccessTokenExpiresAt is null || link.AccessTokenExpiresAt - clock.GetUtcNow() > RefreshAhead))
        {
            return protector.Unprotect(access);
        }
        return await RefreshAsync(userId, current => current.AccessTokenExpiresAt is { } at && at - clock.GetUtcNow() > RefreshAhead, ct);
    }

    public Task<string> RefreshAfterRejectionAsync(string userId, string rejected, CancellationToken ct) =>
        // Another caller may have replaced the rejected token while this one waited: use theirs.
        RefreshAsync(userId, current => current.ProtectedAccessToken is { } a && protector.Unprotect(a) != rejected, ct);

    /// <summary>Keeps the tokens of a (re)completed product sign-in; a new sign-in mends a broken link.</summary>
    public async Task StoreAsync(string userId, string subject, string? displayName, string accessToken, string? refreshToken,
        DateTimeOffset? expiresAt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.Set<ProductLinkRecord>().FindAsync([userId], ct);
        if (link is null)
        {
            link = new ProductLinkRecord { UserId = userId, Subject = subject };
            db.Add(link);
        }
        link.Subject = subject;
        link.DisplayName = displayName;
        link.ProtectedAccessToken = protector.Protect(accessToken);
        link.ProtectedRefreshToken = refreshToken is null ? link.ProtectedRefreshToken : protector.Protect(refreshToken);
        link.AccessTokenExpiresAt = expiresAt;
        link.State = ProductLinkState.Valid;
        link.LinkedAt = clock.GetUtcNow();
        link.BrokenAt = null;
        link.BrokenReason = null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The refresh token in plain text, for revoking it at the product; null when there is none.</summary>
    public async Task<string?> RefreshTokenOfAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.Set<ProductLinkRecord>().AsNoTracking().FirstOrDefaultAsync(l => l.UserId == userId, ct);
        return link?.ProtectedRefreshToken is { } r ? protector.Unprotect(r) : null;
    }

    private async Task<string> RefreshAsync(string userId, Func<ProductLinkRecord, bool> alreadyFresh, CancellationToken ct)
    {
        var gate = refreshing.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // No wait limit of its own: the product call's deadline (ct) bounds it, and ends as the call's timeout.
            await using var acrossInstances = postgres is null ? null
                : await PostgresAdvisoryLock.TakeAsync(postgres, PostgresAdvisoryLock.Space.ProductLink, userId, Timeout.InfiniteTimeSpan, ct);
            var link = await LoadUsableAsync(userId, ct);
            if (alreadyFresh(link) && link.ProtectedAccessToken is { } fresh)
            {
                return protector.Unprotect(fresh);
            }
            if (link.ProtectedRefreshToken is not { } protectedRefresh)
            {
                await BreakAsync(userId, "The product gave no refresh token, and the access token has expired.", ct);
                throw new ProductLinkBrokenException("The product link has expired; sign in through the product again.");
            }
            RefreshResult result;
            await using (var scope = services.CreateAsyncScope())
            {
                result = await scope.ServiceProvider.GetRequiredService<ProductTokenClient>().RefreshAsync(protector.Unprotect(protectedRefresh), ct);
            }
            switch (result)
            {
                case RefreshResult.Refreshed r:
                    await SaveRefreshedAsync(userId, r, ct);
                    return r.AccessToken;
                case RefreshResult.Refused refused:
                    await BreakAsync(userId, refused.Reason, ct);
                    throw new ProductLinkBrokenException("The product no longer accepts this user's link; they must sign in through the product again.");
                default:
                    throw new InvalidOperationException("Unknown refresh result.");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task SaveRefreshedAsync(string userId, RefreshResult.Refreshed r, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.Set<ProductLinkRecord>().FirstAsync(l => l.UserId == userId, ct);
        link.ProtectedAccessToken = protector.Protect(r.AccessToken);
        if (r.RefreshToken is { } rotated)
        {
            link.ProtectedRefreshToken = protector.Protect(rotated);
        }
        link.AccessTokenExpiresAt = r.ExpiresAt;
        link.RefreshedAt = clock.GetUtcNow();
        // Not the caller's token: a refresh the product performed must be kept, or the rotated token is lost.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task BreakAsync(string userId, string reason, CancellationToken ct)
    {
        // The breaker is scoped (OpenIddict's managers are): this singleton borrows a scope for it.
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProductLinkBreaker>().BreakAsync(userId, reason, ct);
    }

    private async Task<ProductLinkRecord> LoadUsableAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.Set<ProductLinkRecord>().AsNoTracking().FirstOrDefaultAsync(l => l.UserId == userId, ct);
        return link switch
        {
            null => throw new ProductLinkBrokenException("This user has not linked their product account."),
            { State: ProductLinkState.Broken } => throw new ProductLinkBrokenException("This user's product link is broken; they must sign in through the product again."),
            _ => link,
        };
    }
}
