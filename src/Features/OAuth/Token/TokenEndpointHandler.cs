using System.Security.Claims;
using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// The passthrough half of <c>/connect/token</c>. OpenIddict has already authenticated the client and
/// validated the code or refresh token (signature, expiry, single use, grace window, revocation) when
/// this runs; what is left is the account: it must still exist and not be locked by an admin. A lockout after failed
/// sign-ins does not count: a stranger can cause one with six wrong passwords, and it must not break the user's link
/// (decision 0016).
/// </summary>
internal static class TokenEndpointHandler
{
    public static async Task<IResult> ExchangeAsync(HttpContext http, UserManager<AppUser> users)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            // Unreachable with the flows we allow; answered in OAuth terms all the same.
            return OAuthErrorResult.Create(OpenIddictConstants.Errors.UnsupportedGrantType, "The specified grant type is not supported.");
        }

        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var stored = result.Principal;
        var user = stored?.GetClaim(Claims.Subject) is { } userId ? await users.FindByIdAsync(userId) : null;
        if (stored is null || user is null)
        {
            return OAuthErrorResult.Create(OpenIddictConstants.Errors.InvalidGrant, "The account this grant belongs to no longer exists.");
        }
        if (AccountLocks.IsLockedByAdmin(user))
        {
            return OAuthErrorResult.Create(OpenIddictConstants.Errors.InvalidGrant, "The account this grant belongs to is locked.");
        }

        // Rebuilt from the stored principal: it carries the authorization id and the granted scopes,
        // so the new tokens stay under the same (revocable) authorization.
        var identity = new ClaimsIdentity(stored.Claims, stored.Identity?.AuthenticationType,
            Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Name, user.Email ?? user.UserName);
        identity.SetDestinations(IftttPrincipalFactory.Destinations);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
