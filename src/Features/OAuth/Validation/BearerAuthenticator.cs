using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.OAuth.Health;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace AdminPortal.Features.OAuth.Validation;

/// <summary>
/// Who the bearer token of an IFTTT call belongs to: OpenIddict validation (signature, expiry, token and
/// authorization entries), remembered for a few minutes in <see cref="AccessTokenCache"/>. A remembered token
/// gets the same bookkeeping the validation handlers do (token observation, connection "last used").
/// </summary>
public sealed class BearerAuthenticator(AccessTokenCache cache, ConnectionUsageRecorder usage)
{
    /// <summary>The token's subject (our user id), or null when the token is missing, invalid, expired or revoked.</summary>
    public async Task<string?> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.AsSpan(7).Trim().IsEmpty)
        {
            return null;
        }
        var key = AccessTokenCache.KeyOf(header[7..].Trim());
        if (cache.Find(key) is { } known)
        {
            http.Items[typeof(AccessTokenObservation)] = new AccessTokenObservation(known.Subject, known.AuthorizationId, known.ExpiresAt);
            await usage.Touch(known.AuthorizationId);
            return known.Subject;
        }

        var generation = cache.Generation;
        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal.GetClaim(OpenIddictConstants.Claims.Subject) is not { Length: > 0 } subject)
        {
            return null;
        }
        var principal = result.Principal;
        cache.Remember(key, generation, subject, principal.GetTokenId(), principal.GetAuthorizationId(), principal.GetExpirationDate());
        return subject;
    }
}
