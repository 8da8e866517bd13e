using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>The token endpoint's answer as IFTTT reads it.</summary>
public sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public string? Get(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    public string AccessToken => Get("access_token") ?? throw new InvalidOperationException($"No access_token: {Status} {Body}");
    public string RefreshToken => Get("refresh_token") ?? throw new InvalidOperationException($"No refresh_token: {Status} {Body}");
    public string? Error => Get("error");

    /// <summary>Asserts a 200 and shows the error body otherwise.</summary>
    public TokenResponse AssertOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200, got {(int)Status}: {Body}");
        return this;
    }
}

/// <summary>Plays both sides of account linking: the user's browser (cookies, forms) and IFTTT's server (token requests).</summary>
public sealed class OAuthFlow(OAuthFactory factory)
{
    /// <summary>A new user who signed in and linked IFTTT: their browser/IFTTT flow, id and first token pair.</summary>
    public static async Task<(OAuthFlow Flow, string UserId, TokenResponse Tokens)> LinkNewUserAsync(OAuthFactory factory, string prefix)
    {
        var (userId, email) = await factory.CreateUserAsync(prefix);
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        return (flow, userId, await flow.LinkAsync());
    }

    /// <summary>The user's browser: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser { get; } = factory.CreateBrowserLikeClient();

    /// <summary>IFTTT's servers: no cookies.</summary>
    public HttpClient Ifttt { get; } = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    public static string AuthorizeUrl(string state, string redirectUri = OAuthFactory.RedirectUri, string clientId = OAuthFactory.ClientId,
        IDictionary<string, string?>? extra = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["scope"] = "ifttt", ["state"] = state, ["redirect_uri"] = redirectUri,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            query[key] = value;
        }
        return QueryHelpers.AddQueryString("/connect/authorize", query);
    }

    public async Task SignInAsync(string email)
    {
        var response = await FormPoster.LoginAsync(Browser, email, OAuthFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The consent page as the browser gets it.</summary>
    public async Task<string> ConsentPageAsync(string authorizeUrl)
    {
        var page = await Browser.GetAsync(authorizeUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"Expected the consent page, got {(int)page.StatusCode}: {html}");
        return html;
    }

    /// <summary>Consent page → the chosen button, posting the form's hidden fields as a browser would; returns the redirect.</summary>
    public async Task<Uri> DecideAsync(string authorizeUrl, string decision)
    {
        var html = await ConsentPageAsync(authorizeUrl);
        var fields = Regex.Matches(html, "<input[^>]*type=\"hidden\"[^>]*>").Select(m => m.Value)
            .Select(input => new KeyValuePair<string, string>(Attribute(input, "name"), Attribute(input, "value")))
            .Append(new("decision", decision));
        var response = await Browser.PostAsync("/connect/authorize", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    /// <summary>Signed in, through consent (or straight through when remembered), to a code for <paramref name="state"/>.</summary>
    public async Task<string> GetCodeAsync(string state, IDictionary<string, string?>? extra = null)
    {
        var url = AuthorizeUrl(state, extra: extra);
        var first = await Browser.GetAsync(url);
        var redirect = first.StatusCode == HttpStatusCode.OK ? await DecideAsync(url, "allow") : first.Headers.Location!;
        var query = QueryHelpers.ParseQuery(redirect.Query);
        Assert.Equal(state, query["state"].ToString());
        return query["code"].ToString();
    }

    public Task<TokenResponse> ExchangeCodeAsync(string code, bool basic = false, string secret = OAuthFactory.ClientSecret, string? codeVerifier = null) =>
        TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = OAuthFactory.RedirectUri, ["code_verifier"] = codeVerifier }, basic, secret);

    public Task<TokenResponse> RefreshAsync(string refreshToken, string secret = OAuthFactory.ClientSecret) =>
        TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, basic: false, secret);

    public async Task<TokenResponse> TokenAsync(Dictionary<string, string?> fields, bool basic, string secret)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/connect/token");
        if (basic)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(OAuthFactory.ClientId)}:{Uri.EscapeDataString(secret)}")));
        }
        else
        {
            fields["client_id"] = OAuthFactory.ClientId;
            fields["client_secret"] = secret;
        }
        message.Content = new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)));
        var response = await Ifttt.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"Not JSON ({(int)response.StatusCode}): {body}");
        return new TokenResponse(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>What an API call with the access token gets: the subject on 200.</summary>
    public async Task<(HttpStatusCode Status, string Body)> WhoAmIAsync(string accessToken, string path = "/test/whoami", HttpMethod? method = null)
    {
        using var message = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (method == HttpMethod.Post)
        {
            message.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await Ifttt.SendAsync(message);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Full link for a signed-in user: code, then tokens by client_secret_post.</summary>
    public async Task<TokenResponse> LinkAsync(string state = "link-state")
    {
        return (await ExchangeCodeAsync(await GetCodeAsync(state))).AssertOk();
    }

    private static string Attribute(string input, string name) =>
        WebUtility.HtmlDecode(Regex.Match(input, $"\\b{name}=\"([^\"]*)\"").Groups[1].Value);
}
