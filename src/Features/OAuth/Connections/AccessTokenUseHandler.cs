using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace AdminPortal.Features.OAuth.Connections;

/// <summary>
/// Stamps the connection's "last used" when an access token passes every validation check
/// (it runs after OpenIddict's authorization-entry check, and only if nothing rejected the token).
/// </summary>
internal sealed class AccessTokenUseHandler(ConnectionUsageRecorder usage) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<AccessTokenUseHandler>()
            .SetOrder(OpenIddictValidationHandlers.Protection.ValidateAuthorizationEntry.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (!context.IsRejected && context.Principal is { } principal)
        {
            await usage.TouchAsync(principal.GetAuthorizationId(), context.CancellationToken);
        }
    }
}
