using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// Takes the presented refresh token's lock (<see cref="RefreshTokenLocks"/>) for the rest of the request, so
/// parallel exchanges of one token run one after another and the later ones find the successor the first one
/// recorded. Runs as soon as the token id is known and before OpenIddict first loads the token's row: a row
/// loaded before the wait would be stale after it (and its update a concurrency failure).
/// </summary>
internal sealed class RefreshTokenLockHandler(RefreshTokenLocks locks) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<RefreshTokenLockHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.RestoreTokenEntryProperties.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token ||
            context.Principal is not { } principal || !principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) ||
            (context.TokenId ?? principal.GetTokenId()) is not { Length: > 0 } tokenId ||
            context.Transaction.GetHttpRequest() is not { } request)
        {
            return;
        }

        // Held until the response is written, so a queued exchange sees everything this one recorded.
        var held = await locks.AcquireAsync(tokenId, request.HttpContext.RequestAborted);
        if (held is null)
        {
            context.Reject(OpenIddictConstants.Errors.TemporarilyUnavailable, "Another exchange of this refresh token is still running; retry shortly.");
            return;
        }
        request.HttpContext.Response.RegisterForDisposeAsync(held);
    }
}
