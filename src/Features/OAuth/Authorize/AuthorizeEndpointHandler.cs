using AdminPortal.Features.Accounts;
using AdminPortal.Features.Availability;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth.Authorize;

/// <summary>
/// The passthrough half of <c>/connect/authorize</c>. OpenIddict has already checked client_id,
/// redirect_uri (exact match), response_type, scope and PKCE when this runs, and answers every error
/// itself; this decides who the user is and whether they consented.
/// </summary>
internal static class AuthorizeEndpointHandler
{
    public const string DecisionField = "decision";
    public const string Allow = "allow";
    public const string Deny = "deny";
    private const string AntiforgeryField = "__RequestVerificationToken";

    public static async Task<IResult> AuthorizeAsync(
        HttpContext http,
        UserManager<AppUser> users,
        IOpenIddictApplicationManager applications,
        IftttPrincipalFactory principals,
        IAntiforgery antiforgery,
        ServiceAvailability availability,
        IConfiguration configuration)
    {
        if (availability.SunsetMessage is { } retired)
        {
            return ServiceRetiredPage.Create(configuration, retired);
        }
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        var ct = http.RequestAborted;
        // OpenIddict has read a POSTed request's form already; this makes the cached form explicit for what follows.
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;

        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is null)
        {
            // To the login page, which sends the user back here (ReturnUrl) with every parameter intact.
            return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl(http) }, [IdentityConstants.ApplicationScheme]);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
            ?? throw new InvalidOperationException("OpenIddict accepted a client it cannot find.");
        var clientName = await applications.GetLocalizedDisplayNameAsync(application, ct) ?? request.ClientId!;

        var decision = (string?)form?[DecisionField];
        if (decision is not null)
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Consent(http, clientName, user, "The form expired. Please choose again.");
            }
            if (decision != Allow)
            {
                return OAuthErrorResult.Create(OpenIddictConstants.Errors.AccessDenied, "The user denied the request.");
            }
            return await SignInAsync(principals, user, application, ct);
        }

        // Consent is remembered: a valid permanent authorization skips the page on every later link.
        if (await principals.FindAuthorizationAsync(user.Id, application, ct) is not null)
        {
            return await SignInAsync(principals, user, application, ct);
        }
        if (request.HasPromptValue(PromptValues.None))
        {
            return OAuthErrorResult.Create(OpenIddictConstants.Errors.ConsentRequired, "Interactive user consent is required.");
        }
        return Consent(http, clientName, user, error: null);
    }

    private static async Task<IResult> SignInAsync(IftttPrincipalFactory principals, AppUser user, object application, CancellationToken ct) =>
        TypedResults.SignIn(await principals.CreateAsync(user, application, ct),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static RazorComponentResult<ConsentPage> Consent(HttpContext http, string clientName, AppUser user, string? error) =>
        new(new Dictionary<string, object?>
        {
            [nameof(ConsentPage.ClientName)] = clientName,
            [nameof(ConsentPage.UserName)] = user.Email ?? user.UserName,
            [nameof(ConsentPage.Parameters)] = RequestParameters(http),
            [nameof(ConsentPage.Error)] = error,
        })
        { StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest };

    /// <summary>The authorization request's own parameters (query on GET, form on POST), without the consent form's fields.</summary>
    private static List<KeyValuePair<string, string?>> RequestParameters(HttpContext http)
    {
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source =
            http.Request.HasFormContentType ? http.Request.Form : http.Request.Query;
        return [.. source
            .Where(p => p.Key is not (DecisionField or AntiforgeryField))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))];
    }

    private static string ReturnUrl(HttpContext http) =>
        http.Request.PathBase + http.Request.Path + QueryString.Create(RequestParameters(http));
}
