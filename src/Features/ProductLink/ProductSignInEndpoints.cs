using System.Net;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.OAuth.Authorize;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.ProductLink;

/// <summary>
/// "Continue with the product": the challenge, the callback that finds or creates the user from the product's
/// subject (ASP.NET Identity external logins) and keeps the product's tokens, and a plain error page.
/// </summary>
public static class ProductSignInEndpoints
{
    public const string LoginPath = "/Account/ProductLogin";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, ChallengeAsync);
        app.MapGet("/Account/ProductCallback", CallbackAsync);
        app.MapGet("/Account/ProductSignInError", (string? message, IOptions<ProductOptions> product) =>
            ErrorPage(product.Value, message ?? "The sign-in could not be completed."));
    }

    private static async Task<IResult> ChallengeAsync(HttpContext http, string? returnUrl, SignInManager<AppUser> signIn,
        IOptions<ProductOptions> product, ILoggerFactory logs)
    {
        var callback = "/Account/ProductCallback" + (AccountRedirects.IsLocal(returnUrl) ? "?returnUrl=" + Uri.EscapeDataString(returnUrl!) : "");
        var properties = signIn.ConfigureExternalAuthenticationProperties(ProductSignIn.Scheme, callback);
        try
        {
            // The handler fetches the product's discovery document here: the product being down surfaces now.
            await http.ChallengeAsync(ProductSignIn.Scheme, properties);
            return Results.Empty;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            logs.CreateLogger(typeof(ProductSignInEndpoints)).LogWarning("Sign-in through the product failed before leaving: {Error}", ex.Message);
            return ErrorPage(product.Value, $"{product.Value.Name} cannot be reached right now. Please try again in a few minutes.", StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, string? returnUrl, SignInManager<AppUser> signIn,
        UserManager<AppUser> users, ProductTokens tokens, IOptions<ProductOptions> product, CancellationToken ct)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null || info.ProviderKey is not { Length: > 0 } subject)
        {
            return ErrorPage(product.Value, "The sign-in could not be completed: the product did not say who you are.");
        }
        var user = await users.FindByLoginAsync(ProductSignIn.Scheme, subject)
            ?? await users.Users.FirstOrDefaultAsync(u => u.ExternalId == subject, ct);
        var name = info.Principal.FindFirst("name")?.Value ?? info.Principal.Identity?.Name;
        if (user is null)
        {
            var created = await CreateUserAsync(users, info, subject);
            if (created.Error is { } error)
            {
                return ErrorPage(product.Value, error);
            }
            user = created.User!;
        }
        else if (await users.FindByLoginAsync(ProductSignIn.Scheme, subject) is null)
        {
            await users.AddLoginAsync(user, new UserLoginInfo(ProductSignIn.Scheme, subject, product.Value.Name));
        }

        if (AccountLocks.IsLockedByAdmin(user))
        {
            // An admin's lock holds whichever way the user signs in. A lockout after wrong passwords does not: the
            // product proves who this is with its own credentials, and a stranger's guesses at the password form must
            // not lock a product user out (decision 0016).
            return ErrorPage(product.Value, "This account is locked. Ask an administrator to unlock it.", StatusCodes.Status403Forbidden);
        }

        var access = info.AuthenticationTokens?.FirstOrDefault(t => t.Name == "access_token")?.Value;
        if (access is null)
        {
            return ErrorPage(product.Value, "The sign-in could not be completed: the product issued no access token.");
        }
        var refresh = info.AuthenticationTokens?.FirstOrDefault(t => t.Name == "refresh_token")?.Value;
        DateTimeOffset? expiresAt = DateTimeOffset.TryParse(info.AuthenticationTokens?.FirstOrDefault(t => t.Name == "expires_at")?.Value,
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        await tokens.StoreAsync(user.Id, subject, name, access, refresh, expiresAt, ct);

        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        await signIn.SignInAsync(user, isPersistent: false, ProductSignIn.Scheme);
        var isAdmin = await users.IsInRoleAsync(user, Roles.Admin);
        return Results.LocalRedirect(AccountRedirects.AfterSignIn(returnUrl, isAdmin));
    }

    private static async Task<(AppUser? User, string? Error)> CreateUserAsync(UserManager<AppUser> users, ExternalLoginInfo info, string subject)
    {
        var email = info.Principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value;
        if (email is { Length: > 0 } && await users.FindByEmailAsync(email) is not null)
        {
            // Never attach a product identity to a local account by email alone: that would let whoever controls
            // the product account take over the local one.
            return (null, $"An account with the email {email} already exists here. Sign in with its password instead, or ask an administrator to link it.");
        }
        var user = new AppUser
        {
            UserName = email is { Length: > 0 } ? email : subject,
            Email = email is { Length: > 0 } ? email : $"{subject}{ProductSignIn.NoEmailDomain}",
            ExternalId = subject,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded)
        {
            result = await users.AddLoginAsync(user, new UserLoginInfo(ProductSignIn.Scheme, subject, info.ProviderDisplayName));
        }
        return result.Succeeded ? (user, null) : (null, "Your account could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static IResult ErrorPage(ProductOptions product, string message, int status = StatusCodes.Status400BadRequest)
    {
        var brand = WebUtility.HtmlEncode(product.Name ?? "AdminPortal");
        var html = PlainPage.Html(brand, "Sign-in failed", $"""
            <h1>Signing in with {brand} did not work</h1>
            <p>{WebUtility.HtmlEncode(message)}</p>
            <p><a href="/Account/Login">Back to sign-in</a></p>
            """);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
