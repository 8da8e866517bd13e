using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// Answers a refresh token that was exchanged longer ago than the grace window with a plain
/// <c>invalid_grant</c>. Left to itself, OpenIddict's ValidateTokenEntry would also revoke every token
/// of the authorization (reuse detection), which strands a linked user whenever IFTTT retries with a
/// stale token; see docs/decisions/0003-refresh-token-grace.md. Runs just before that handler, and
/// only rejects what it would have rejected anyway, so tokens inside the window behave as before.
/// </summary>
internal sealed class RefreshTokenReplayHandler(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<RefreshTokenReplayHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is not { } principal || !principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) ||
            (context.TokenId ?? principal.GetTokenId()) is not { Length: > 0 } tokenId ||
            await tokens.FindByIdAsync(tokenId) is not { } token ||
            !await tokens.HasStatusAsync(token, Statuses.Redeemed))
        {
            return;
        }

        // Same test as OpenIddict's own (and the same clock, so fake time in tests applies).
        var redeemedAt = await tokens.GetRedemptionDateAsync(token);
        var grace = context.Options.RefreshTokenReuseLeeway;
        if (redeemedAt is null || (grace is not null && context.Options.TimeProvider.GetUtcNow() < redeemedAt + grace))
        {
            return;
        }

        // invalid_token here becomes invalid_grant in the token response.
        context.Reject(OpenIddictConstants.Errors.InvalidToken, "The specified refresh token has already been exchanged for a newer one.");
    }
}
