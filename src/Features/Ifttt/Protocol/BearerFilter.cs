using AdminPortal.Features.OAuth.Validation;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// User endpoints: authenticates the bearer token with OpenIddict validation (token and authorization
/// entries checked, so a revoked token fails at once; validated tokens are remembered briefly, and forgotten
/// the moment the app revokes them — see <see cref="BearerAuthenticator"/>). Authenticates explicitly instead of
/// using an authorization policy, so a failure is IFTTT's 401 JSON and never the Identity cookie's login redirect.
/// </summary>
public sealed class BearerFilter(BearerAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IftttResults.Unauthorized("An access token is required (Authorization: Bearer).");
        }
        if (await authenticator.AuthenticateAsync(http) is not { } subject)
        {
            return IftttResults.Unauthorized("The access token is invalid, expired or revoked.");
        }
        IftttRequestInfo.For(http).UserId = subject;
        return await next(context);
    }
}
