using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>Tokens from Acme Home's token endpoint.</summary>
public sealed record AcmeHomeTokens(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope);

/// <summary>The result of the authorize step: the code at the redirect URI and the PKCE verifier behind it.</summary>
public sealed record AcmeHomeAuthorization(string Code, string CodeVerifier, string State, string RedirectUri);

/// <summary>
/// Drives Acme Home's authorization-code + PKCE flow over plain HTTP the way a browser would: follows its
/// redirects by hand, fills its login form (antiforgery field included), stops at the redirect URI.
/// </summary>
public static partial class AcmeHomeSignIn
{
    public const string DefaultScope = "openid profile email offline_access acme.api";

    /// <summary>Signs in and exchanges the code: the tokens a client of the product would hold.</summary>
    public static async Task<AcmeHomeTokens> SignInAsync(
        Uri baseUrl, string email, string password, string redirectUri, string scope = DefaultScope,
        string clientId = AcmeHomeServer.ClientId, string clientSecret = AcmeHomeServer.ClientSecret,
        CancellationToken ct = default)
    {
        var authorization = await AuthorizeAsync(baseUrl, email, password, redirectUri, scope, clientId, ct);
        using var response = await ExchangeCodeAsync(baseUrl, authorization, clientId, clientSecret, ct);
        return await ReadTokensAsync(response, ct);
    }

    /// <summary>Runs the authorize step with a fresh PKCE pair and returns the code.</summary>
    public static async Task<AcmeHomeAuthorization> AuthorizeAsync(
        Uri baseUrl, string email, string password, string redirectUri, string scope = DefaultScope,
        string clientId = AcmeHomeServer.ClientId, CancellationToken ct = default)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(12));
        var authorize = QueryHelpers.AddQueryString(new Uri(baseUrl, "connect/authorize").ToString(),
            new Dictionary<string, string?>
            {
                ["client_id"] = clientId,
                ["response_type"] = "code",
                ["redirect_uri"] = redirectUri,
                ["scope"] = scope,
                ["state"] = state,
                ["code_challenge"] = challenge,
                ["code_challenge_method"] = "S256",
            });

        using var browser = CreateBrowser();
        var landed = await CompleteLoginAsync(browser, new Uri(authorize), email, password, redirectUri, ct);
        var query = QueryHelpers.ParseQuery(landed.Query);
        if (!query.TryGetValue("code", out var code))
        {
            throw new InvalidOperationException($"Acme Home redirected without a code: {landed}");
        }

        if (query["state"] != state)
        {
            throw new InvalidOperationException($"Acme Home returned another state: {landed}");
        }

        return new AcmeHomeAuthorization(code!, verifier, state, redirectUri);
    }

    /// <summary>
    /// From any authorize URL (e.g. the one AdminPortal redirects a user to): follows redirects, fills the login form
    /// when asked, and returns the first URL outside the product that starts with <paramref name="redirectUriPrefix"/>
    /// (not requested). <paramref name="browser"/> must not follow redirects itself and must keep cookies
    /// (<see cref="CreateBrowser"/>).
    /// </summary>
    public static async Task<Uri> CompleteLoginAsync(
        HttpClient browser, Uri authorizeUrl, string email, string password, string redirectUriPrefix,
        CancellationToken ct = default)
    {
        var url = authorizeUrl;
        var loginPosted = false;
        for (var hop = 0; hop < 10; hop++)
        {
            if (url.ToString().StartsWith(redirectUriPrefix, StringComparison.Ordinal))
            {
                return url;
            }

            using var response = await browser.GetAsync(url, ct);
            if (IsRedirect(response.StatusCode))
            {
                url = new Uri(url, response.Headers.Location!);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK || !url.AbsolutePath.EndsWith("/login", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {Head(body)}");
            }

            if (loginPosted)
            {
                throw new InvalidOperationException($"Acme Home showed its login form again: {Head(ErrorText(body))}");
            }

            var fields = HiddenInput().Matches(body).ToDictionary(
                m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            fields["Email"] = email;
            fields["Password"] = password;
            using var posted = await browser.PostAsync(new Uri(url, "/login"), new FormUrlEncodedContent(fields), ct);
            loginPosted = true;
            if (!IsRedirect(posted.StatusCode))
            {
                var text = await posted.Content.ReadAsStringAsync(ct);
                throw new InvalidOperationException(
                    $"Acme Home refused the sign-in of {email} ({(int)posted.StatusCode}): {Head(ErrorText(text))}");
            }

            url = new Uri(url, posted.Headers.Location!);
        }

        throw new InvalidOperationException($"Too many redirects from {authorizeUrl}; last {url}");
    }

    /// <summary>Code → tokens at <c>/connect/token</c> (client_secret_post); the raw response, for error tests.</summary>
    public static Task<HttpResponseMessage> ExchangeCodeAsync(
        Uri baseUrl, AcmeHomeAuthorization authorization, string clientId = AcmeHomeServer.ClientId,
        string clientSecret = AcmeHomeServer.ClientSecret, CancellationToken ct = default) =>
        TokenRequestAsync(baseUrl, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = authorization.Code,
            ["code_verifier"] = authorization.CodeVerifier,
            ["redirect_uri"] = authorization.RedirectUri,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        }, ct);

    /// <summary>Refresh → new tokens; the raw response (a refused refresh answers 400 <c>invalid_grant</c>).</summary>
    public static Task<HttpResponseMessage> RefreshAsync(
        Uri baseUrl, string refreshToken, string clientId = AcmeHomeServer.ClientId,
        string clientSecret = AcmeHomeServer.ClientSecret, CancellationToken ct = default) =>
        TokenRequestAsync(baseUrl, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        }, ct);

    public static async Task<AcmeHomeTokens> ReadTokensAsync(HttpResponseMessage response, CancellationToken ct = default)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Acme Home's token endpoint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        return (await response.Content.ReadFromJsonAsync<AcmeHomeTokens>(ct))!;
    }

    /// <summary>A cookie-keeping client that leaves redirects to the caller, like a browser tab.</summary>
    public static HttpClient CreateBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true });

    private static async Task<HttpResponseMessage> TokenRequestAsync(
        Uri baseUrl, Dictionary<string, string> form, CancellationToken ct)
    {
        using var client = new HttpClient();
        return await client.PostAsync(new Uri(baseUrl, "connect/token"), new FormUrlEncodedContent(form), ct);
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    private static string Base64Url(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);

    private static string Head(string text) => text.Length <= 400 ? text : text[..400];

    private static string ErrorText(string html) => ErrorParagraph().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : html;

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("""<p class="error"[^>]*>([^<]*)</p>""")]
    private static partial Regex ErrorParagraph();
}
