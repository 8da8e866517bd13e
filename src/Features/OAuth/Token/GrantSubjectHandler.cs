using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// Notes whose code or refresh token a token request presented, as soon as OpenIddict has decrypted it
/// and before any check can reject it, so a failed refresh can still be put on the right user's health.
/// </summary>
internal sealed class GrantSubjectHandler : IOpenIddictServerHandler<ValidateTokenContext>
{
    public const string SubjectProperty = ".adminportal_grant_subject";
    public const string AuthorizationProperty = ".adminportal_grant_authorization";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<GrantSubjectHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.RestoreTokenEntryProperties.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is { } principal &&
            (principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) || principal.HasTokenType(TokenTypeIdentifiers.Private.AuthorizationCode)))
        {
            context.Transaction.Properties[SubjectProperty] = principal.GetClaim(Claims.Subject);
            context.Transaction.Properties[AuthorizationProperty] = principal.GetAuthorizationId();
        }
        return ValueTask.CompletedTask;
    }
}
