using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.IntegrationTests.ProductLink;

/// <summary>
/// The sample product Acme Home on its own Kestrel port, and AdminPortal configured to sign users in through it.
/// AdminPortal runs on the test server, whose host is <c>localhost</c>: its callback is <see cref="CallbackUri"/>.
/// </summary>
public partial class ProductLinkFixture : IAsyncLifetime
{
    public const string CallbackUri = "http://localhost/signin-product";
    public const string ServiceKey = "product-link-service-key";
    public const string IngestKey = "product-link-ingest-key";

    public AcmeHomeServer Acme { get; private set; } = null!;
    public OAuthFactory App { get; private set; } = null!;

    /// <summary>Access tokens of the product live 30 s: under the refresh-ahead margin, so every use refreshes first.</summary>
    public static readonly TimeSpan ProductTokenLifetime = TimeSpan.FromSeconds(30);

    public async ValueTask InitializeAsync()
    {
        Acme = await StartAcmeAsync();
        App = new OAuthFactory();
        Configure(App, Acme.BaseUrl);
        await ConfigureMoreAsync(App);
        _ = App.Server;
    }

    /// <summary>A derived fixture's own settings, applied after the product's and before the app starts.</summary>
    protected virtual Task ConfigureMoreAsync(OAuthFactory app) => Task.CompletedTask;

    /// <summary>
    /// Started and warmed up: a cold sample takes seconds for its first request on a loaded machine, longer than
    /// AdminPortal gives a product (Product:Timeout) — a real product is warm.
    /// </summary>
    public static async Task<AcmeHomeServer> StartAcmeAsync(CancellationToken ct = default)
    {
        var acme = await AcmeHomeServer.StartAsync(new AcmeHomeOptions { RedirectUris = [CallbackUri], AccessTokenLifetime = TimeSpan.FromMinutes(10) }, ct);
        using var client = acme.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        (await client.GetAsync(".well-known/openid-configuration", ct)).EnsureSuccessStatusCode();
        (await client.GetAsync(".well-known/jwks", ct)).EnsureSuccessStatusCode();
        return acme;
    }

    public static void Configure(OAuthFactory app, Uri acme)
    {
        app.Settings["Ifttt:ServiceKey"] = ServiceKey;
        app.Settings["Ingest:ApiKeys:0"] = IngestKey;
        app.Settings["Product:Name"] = "Acme Home";
        app.Settings["Product:ApiBaseUrl"] = acme.ToString();
        app.Settings["Product:AccountUrl"] = acme + "account";
        app.Settings["Product:SignIn:Authority"] = acme.ToString();
        app.Settings["Product:SignIn:ClientId"] = AcmeHomeServer.ClientId;
        app.Settings["Product:SignIn:ClientSecret"] = AcmeHomeServer.ClientSecret;
        string[] scopes = ["openid", "profile", "email", "offline_access", "acme.api"];
        for (var i = 0; i < scopes.Length; i++)
        {
            app.Settings[$"Product:SignIn:Scopes:{i}"] = scopes[i];
        }
    }

    /// <summary>
    /// IFTTT sends the user to /connect/authorize; they choose "Continue with Acme Home", sign in at the product
    /// (which knows nothing of AdminPortal), come back, allow, and IFTTT exchanges the code. Returns IFTTT's tokens.
    /// </summary>
    public Task<TokenResponse> LinkThroughProductAsync(OAuthFlow flow, string email, string password, string state = "product-state") =>
        LinkThroughProductAsync(Acme, flow, email, password, state);

    /// <inheritdoc cref="LinkThroughProductAsync(OAuthFlow, string, string, string)"/>
    public static async Task<TokenResponse> LinkThroughProductAsync(AcmeHomeServer acme, OAuthFlow flow, string email, string password,
        string state = "product-state")
    {
        var authorize = OAuthFlow.AuthorizeUrl(state);
        var toLogin = await flow.Browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var login = await flow.Browser.GetStringAsync(toLogin.Headers.Location);
        var productHref = WebUtility.HtmlDecode(ProductButton().Match(login).Groups[1].Value);
        Assert.StartsWith("/Account/ProductLogin", productHref);

        var challenge = await flow.Browser.GetAsync(productHref);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var productAuthorize = challenge.Headers.Location!;
        Assert.StartsWith(acme.BaseUrl.ToString(), productAuthorize.ToString());
        Assert.Equal("S256", QueryHelpers.ParseQuery(productAuthorize.Query)["code_challenge_method"].ToString());

        using var productBrowser = AcmeHomeSignIn.CreateBrowser();
        var callback = await AcmeHomeSignIn.CompleteLoginAsync(productBrowser, productAuthorize, email, password, CallbackUri);
        var url = callback.PathAndQuery;
        for (var hop = 0; hop < 5 && !url.StartsWith("/connect/authorize", StringComparison.Ordinal); hop++)
        {
            var response = await flow.Browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            url = response.Headers.Location!.ToString();
        }
        // Consent as today: asked the first time, remembered afterwards.
        var consent = await flow.Browser.GetAsync(url);
        var redirect = consent.StatusCode == HttpStatusCode.OK ? await flow.DecideAsync(url, "allow") : consent.Headers.Location!;
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        return (await flow.ExchangeCodeAsync(code)).AssertOk();
    }

    /// <summary>GET /ifttt/v1/user/info as IFTTT calls it.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> UserInfoAsync(OAuthFlow flow, string accessToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "/ifttt/v1/user/info");
        message.Headers.Add("IFTTT-Service-Key", ServiceKey);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await flow.Ifttt.SendAsync(message);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public virtual async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Acme.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex("<a[^>]*href=\"([^\"]*)\"[^>]*data-testid=\"product-sign-in\"")]
    private static partial Regex ProductButton();
}
