using System.Security.Claims;
using AdminPortal.Features.Accounts;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Builds the principal behind every token IFTTT gets, and attaches it to the user's permanent
/// authorization for the IFTTT client (created on first link), so revoking the authorization
/// revokes every token issued under it.
/// </summary>
public sealed class IftttPrincipalFactory(IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications)
{
    /// <summary>IFTTT never asks for offline_access, but it needs refresh tokens: we grant it regardless.</summary>
    public static readonly string[] GrantedScopes = [OAuthServerExtensions.IftttScope, Scopes.OfflineAccess];

    /// <summary>Only the subject goes into the access token: the IFTTT API needs nothing else.</summary>
    public static IEnumerable<string> Destinations(Claim claim) =>
        claim.Type == Claims.Subject ? [OpenIddictConstants.Destinations.AccessToken] : [];

    public async Task<ClaimsPrincipal> CreateAsync(AppUser user, object application, CancellationToken ct)
    {
        var identity = new ClaimsIdentity(
            authenticationType: TokenValidationParameters.DefaultAuthenticationType,
            nameType: Claims.Name,
            roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.Email ?? user.UserName);
        identity.SetScopes(GrantedScopes);
        identity.SetDestinations(Destinations);

        var authorization = await FindOrCreateAuthorizationAsync(user.Id, identity, application, ct);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, ct));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The user's remembered consent for the client: a valid permanent authorization, or null.</summary>
    public async Task<object?> FindAuthorizationAsync(string userId, object application, CancellationToken ct)
    {
        var applicationId = await applications.GetIdAsync(application, ct);
        await foreach (var existing in authorizations.FindAsync(userId, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, [.. GrantedScopes], ct))
        {
            return existing;
        }
        return null;
    }

    private async Task<object> FindOrCreateAuthorizationAsync(string userId, ClaimsIdentity identity, object application, CancellationToken ct) =>
        await FindAuthorizationAsync(userId, application, ct) ??
        await authorizations.CreateAsync(new ClaimsPrincipal(identity), userId, (await applications.GetIdAsync(application, ct))!,
            AuthorizationTypes.Permanent, [.. GrantedScopes], ct);
}
