using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdminPortal.Features.ProductLink;

/// <summary>
/// The "Product" authentication scheme: the product's own sign-in (OpenID Connect with discovery, or plain OAuth2
/// with a userinfo endpoint), signing in to Identity's external cookie so the callback can find or create the user.
/// </summary>
public static class ProductSignIn
{
    public const string Scheme = "Product";
    public const string CallbackPath = "/signin-product";

    /// <summary>Users whose product gave no email get a placeholder address on this reserved domain (RFC 2606); never mailed.</summary>
    public const string NoEmailDomain = "@product.invalid";

    public static void Add(AuthenticationBuilder auth, ProductOptions product)
    {
        var signIn = product.SignIn;
        if (signIn.Protocol == ProductOptionsValidator.OAuth2)
        {
            auth.AddOAuth(Scheme, product.Name!, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.ClientId = signIn.ClientId!;
                o.ClientSecret = signIn.ClientSecret ?? "";
                o.CallbackPath = CallbackPath;
                o.AuthorizationEndpoint = signIn.AuthorizationEndpoint!;
                o.TokenEndpoint = signIn.TokenEndpoint!;
                o.UserInformationEndpoint = signIn.UserInfoEndpoint!;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.BackchannelTimeout = product.Timeout;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                foreach (var scope in signIn.Scopes)
                {
                    o.Scope.Add(scope);
                }
                o.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, signIn.SubjectField);
                o.ClaimActions.MapJsonKey("name", signIn.NameField);
                o.ClaimActions.MapJsonKey(ClaimTypes.Email, "email");
                o.Events.OnCreatingTicket = ReadUserInfoAsync;
                o.Events.OnRemoteFailure = ShowFailureAsync;
            });
            return;
        }

        auth.AddOpenIdConnect(Scheme, product.Name!, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = signIn.Authority;
            // Loopback products (the sample, tests) run on http; anything else must be https.
            o.RequireHttpsMetadata = !IsLoopback(signIn.Authority!);
            o.ClientId = signIn.ClientId;
            o.ClientSecret = signIn.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back as a plain GET redirect: the correlation and nonce cookies can then be SameSite=Lax,
            // which browsers send on top-level navigations, also over http on loopback (form_post needs SameSite=None + Secure).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.UsePkce = true;
            o.SaveTokens = true;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.CallbackPath = CallbackPath;
            o.BackchannelTimeout = product.Timeout;
            o.Scope.Clear();
            foreach (var scope in signIn.Scopes.DefaultIfEmpty("openid").Union(["openid"]))
            {
                o.Scope.Add(scope);
            }
            o.ClaimActions.MapUniqueJsonKey("name", "name");
            o.ClaimActions.MapUniqueJsonKey(ClaimTypes.Email, "email");
            o.Events.OnRemoteFailure = ShowFailureAsync;
            // No front-channel sign-out from the product: signing out of the product must not unlink IFTTT.
            o.DisableTelemetry = true;
        });
    }

    public static bool IsLoopback(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    private static async Task ReadUserInfoAsync(Microsoft.AspNetCore.Authentication.OAuth.OAuthCreatingTicketContext context)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        response.EnsureSuccessStatusCode();
        using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
        context.RunClaimActions(user.RootElement);
    }

    /// <summary>The product down, a denied consent or a broken callback: a page that says so, never a stack trace.</summary>
    private static Task ShowFailureAsync(RemoteFailureContext context)
    {
        var denied = context.Request.Query["error"] == "access_denied";
        var message = denied ? "You cancelled the sign-in." : "The sign-in could not be completed.";
        context.Response.Redirect("/Account/ProductSignInError?message=" + Uri.EscapeDataString(message));
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
