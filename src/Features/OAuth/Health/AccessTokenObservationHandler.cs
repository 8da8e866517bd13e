using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>What the access token of the current request said about itself once decrypted.</summary>
public sealed record AccessTokenObservation(string? UserId, string? AuthorizationId, DateTimeOffset? ExpiresAt);

/// <summary>
/// Keeps who an access token belongs to and when it expires, taken right after OpenIddict validation
/// decrypted it and before the expiry / revocation checks can reject it. A refused token then still
/// names its user, and <see cref="IftttTokenObserver"/> can tell "expired" from "revoked" from "malformed".
/// </summary>
internal sealed class AccessTokenObservationHandler : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<AccessTokenObservationHandler>()
            .SetOrder(OpenIddictValidationHandlers.Protection.RestoreTokenEntryProperties.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is { } principal && context.Transaction.GetHttpRequest()?.HttpContext is { } http)
        {
            http.Items[typeof(AccessTokenObservation)] = new AccessTokenObservation(
                principal.GetClaim(Claims.Subject), principal.GetAuthorizationId(), principal.GetExpirationDate());
        }
        return ValueTask.CompletedTask;
    }
}
