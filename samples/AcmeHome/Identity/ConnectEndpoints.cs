using System.Security.Claims;
using AcmeHome.Storage;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AcmeHome.Identity;

/// <summary>OpenIddict passthrough endpoints: authorize, token, userinfo, end session.</summary>
public static class ConnectEndpoints
{
    private const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void MapConnect(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync);
        app.MapPost("/connect/token", TokenAsync);
        app.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfoAsync);
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(AcmeScopes.LoginScheme);
            return Results.SignOut(authenticationSchemes: [Server]);
        });
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext ctx, AcmeDbContext db, CancellationToken ct)
    {
        var request = ctx.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var login = await ctx.AuthenticateAsync(AcmeScopes.LoginScheme);
        var user = login.Succeeded
            ? await db.Users.FindAsync([login.Principal!.FindFirstValue(ClaimTypes.NameIdentifier)], ct)
            : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back to this same request after the login form.
            var returnUrl = ctx.Request.PathBase + ctx.Request.Path + QueryString.Create(
                ctx.Request.HasFormContentType
                    ? ctx.Request.Form.Where(p => p.Key != Parameters.Prompt).ToList()
                    : ctx.Request.Query.Where(p => p.Key != Parameters.Prompt).ToList());
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl },
                [AcmeScopes.LoginScheme]);
        }

        return Results.SignIn(Principal(user, request.GetScopes()), authenticationScheme: Server);
    }

    private static async Task<IResult> TokenAsync(HttpContext ctx, AcmeDbContext db, CancellationToken ct)
    {
        var request = ctx.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        // The code or refresh token was already validated by OpenIddict; re-read the user so a deleted
        // account cannot keep refreshing, and so name/email changes reach the new tokens.
        var result = await ctx.AuthenticateAsync(Server);
        var subject = result.Principal?.GetClaim(Claims.Subject);
        var user = subject is null ? null : await db.Users.FindAsync([subject], ct);
        if (user is null)
        {
            return Forbid(Errors.InvalidGrant, "The account no longer exists.");
        }

        return Results.SignIn(Principal(user, result.Principal!.GetScopes()), authenticationScheme: Server);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext ctx, AcmeDbContext db, CancellationToken ct)
    {
        var result = await ctx.AuthenticateAsync(Server);
        var subject = result.Principal?.GetClaim(Claims.Subject);
        var user = subject is null ? null : await db.Users.FindAsync([subject], ct);
        if (user is null)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The account no longer exists.",
                }),
                [Server]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (result.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.Name;
        }

        if (result.Principal!.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = true;
        }

        return Results.Ok(claims);
    }

    private static ClaimsPrincipal Principal(User user, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(Server, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.Email, user.Email);
        var allowed = new[] { Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, AcmeScopes.Api };
        identity.SetScopes(requestedScopes.Intersect(allowed, StringComparer.Ordinal));
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name when identity.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email when identity.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name or Claims.Email => [Destinations.AccessToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [Server]);
}
