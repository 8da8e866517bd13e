using OpenIddict.Abstractions;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Removes expired or revoked tokens and ended authorizations that OpenIddict no longer needs.
/// Refresh tokens have no timed expiry, so a linked user's tokens are never pruned from under them.
/// </summary>
public sealed class OAuthPruneJob(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, TimeProvider clock)
{
    /// <summary>Entries newer than this stay, so recent failures remain visible for diagnosis.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(14);

    public async Task RunAsync(CancellationToken ct)
    {
        var threshold = clock.GetUtcNow() - KeepFor;
        await tokens.PruneAsync(threshold, ct);
        await authorizations.PruneAsync(threshold, ct);
    }
}
