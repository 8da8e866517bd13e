using AdminPortal.Features.Accounts;
using AdminPortal.Features.Accounts.Sessions;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.OAuth.Health;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace AdminPortal.Features.OAuth.Validation;

/// <summary>
/// Who the bearer token of an IFTTT call belongs to: OpenIddict validation (signature, expiry, token and
/// authorization entries), remembered for a few minutes in <see cref="AccessTokenCache"/>. A remembered token
/// gets the same bookkeeping the validation handlers do (token observation, connection "last used"). A token whose
/// account an admin has locked is refused once it is not remembered — at once after the lock, which makes this process
/// forget the user's tokens; a lockout after failed sign-ins is no reason (decision 0016).
/// </summary>
public sealed class BearerAuthenticator
{
    private readonly AccessTokenCache _cache;
    private readonly ConnectionUsageRecorder _usage;

    public BearerAuthenticator(AccessTokenCache cache, ConnectionUsageRecorder usage, AccountAccessChanges changes)
    {
        _cache = cache;
        _usage = usage;
        changes.Changed += subject =>
        {
            if (subject is null)
            {
                cache.ForgetAll(); // everyone's access may have changed (another instance's news was missed)
                return;
            }
            cache.ForgetSubject(subject);
        };
    }

    /// <summary>The token's subject (our user id), or null when the token is missing, invalid, expired or revoked.</summary>
    public async Task<string?> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.AsSpan(7).Trim().IsEmpty)
        {
            return null;
        }
        var key = AccessTokenCache.KeyOf(header[7..].Trim());
        if (_cache.Find(key) is { } known)
        {
            http.Items[typeof(AccessTokenObservation)] = new AccessTokenObservation(known.Subject, known.AuthorizationId, known.ExpiresAt);
            await _usage.Touch(known.AuthorizationId);
            return known.Subject;
        }

        var generation = _cache.Generation;
        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal.GetClaim(OpenIddictConstants.Claims.Subject) is not { Length: > 0 } subject)
        {
            return null;
        }
        var user = await http.RequestServices.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(subject);
        if (user is null || AccountLocks.IsLockedByAdmin(user))
        {
            return null;
        }
        var principal = result.Principal;
        _cache.Remember(key, generation, subject, principal.GetTokenId(), principal.GetAuthorizationId(), principal.GetExpirationDate());
        return subject;
    }
}
