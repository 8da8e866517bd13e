using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// Drops the expiry that a token request's principal inherits from the code or refresh token it was
/// rebuilt from. OpenIddict restores that token's private dates onto the new principal and only
/// overwrites the expiry when a lifetime is set; refresh tokens deliberately have none (IFTTT forbids
/// timed expiry), so without this every refresh token would expire with the 5-minute code it came from.
/// Access tokens are unaffected: their lifetime is set, so OpenIddict stamps a fresh expiry anyway.
/// </summary>
internal sealed class InheritedExpiryHandler : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<InheritedExpiryHandler>()
            .SetOrder(OpenIddictServerHandlers.RestoreInternalClaims.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType is OpenIddictServerEndpointType.Token && context.Principal is { } principal)
        {
            principal.SetCreationDate(null).SetExpirationDate(null);
        }
        return ValueTask.CompletedTask;
    }
}
