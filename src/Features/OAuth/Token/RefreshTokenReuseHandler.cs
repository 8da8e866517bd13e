using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// Reuse detection for refresh tokens (OAuth 2.0 Security BCP §4.14): for a token that was exchanged longer ago
/// than the grace window, it revokes every token of the authorization (the user's whole IFTTT link) and answers <c>invalid_grant</c>:
/// IFTTT only ever retries inside the window, so a late reuse is someone else's copy. See decision 0017.
/// Runs just before OpenIddict's ValidateTokenEntry, which would otherwise do the revoking without telling anyone.
/// </summary>
internal sealed class RefreshTokenReuseHandler(IOpenIddictTokenManager tokens, ILogger<RefreshTokenReuseHandler> logger)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    /// <summary>Set on the transaction when a late reuse revoked the chain, for the token-health record.</summary>
    public const string ReplayProperty = ".adminportal_refresh_replay";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<RefreshTokenReuseHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token ||
            context.Principal is not { } principal || !principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) ||
            (context.TokenId ?? principal.GetTokenId()) is not { Length: > 0 } tokenId)
        {
            return;
        }

        if (await tokens.FindByIdAsync(tokenId) is not { } token || !await tokens.HasStatusAsync(token, Statuses.Redeemed))
        {
            return;
        }
        // Same test as OpenIddict's own (and the same clock, so fake time in tests applies).
        var redeemedAt = await tokens.GetRedemptionDateAsync(token);
        var grace = context.Options.RefreshTokenReuseLeeway;
        if (redeemedAt is null || grace is null || context.Options.TimeProvider.GetUtcNow() < redeemedAt + grace)
        {
            return;
        }

        var authorizationId = context.AuthorizationId ?? principal.GetAuthorizationId();
        var revoked = authorizationId is { Length: > 0 } ? await tokens.RevokeByAuthorizationIdAsync(authorizationId) : 0;
        logger.LogWarning("Refresh token {TokenId} was reused {Late} after it was exchanged: revoked {Count} token(s) of authorization {AuthorizationId}",
            tokenId, context.Options.TimeProvider.GetUtcNow() - redeemedAt, revoked, authorizationId ?? "(none)");
        context.Transaction.Properties[ReplayProperty] = true;
        // invalid_token here becomes invalid_grant in the token response.
        context.Reject(OpenIddictConstants.Errors.InvalidToken,
            "The refresh token was used again long after it was exchanged, so every token of this link was revoked; the user must reconnect.");
    }
}
