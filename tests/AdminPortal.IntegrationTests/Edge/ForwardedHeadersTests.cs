using System.Net;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;

namespace AdminPortal.IntegrationTests.Edge;

/// <summary>
/// Behind a TLS-terminating reverse proxy on the same machine, on real Kestrel: the proxy talks plain http to the app
/// from 127.0.0.1 and says what the client used in X-Forwarded-Proto/-Host. The app trusts that from loopback (or the
/// configured proxies) only, so a client cannot claim https or another host by sending the headers itself.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_FromALoopbackProxySendingHttps_NamesHttpsEndpoints()
    {
        await using var factory = new AdminPortalFactory(); // Development: no issuer configured, the request decides
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var json = await DiscoveryAsync(ProxyClient(factory));

        Assert.Equal("https://portal.example.com/", json.GetProperty("issuer").GetString());
        Assert.Equal("https://portal.example.com/connect/authorize", json.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://portal.example.com/connect/token", json.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task Discovery_FromAnAddressThatIsNoKnownProxy_IgnoresTheForwardedHeaders()
    {
        await using var factory = new AdminPortalFactory();
        factory.Settings["ForwardedHeaders:KnownProxies:0"] = "192.0.2.10"; // the proxy is elsewhere; 127.0.0.1 is a client
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var address = KestrelAddress.Of(factory);

        var json = await DiscoveryAsync(ProxyClient(factory));

        Assert.Equal($"http://127.0.0.1:{address.Port}/connect/authorize", json.GetProperty("authorization_endpoint").GetString());
    }

    [Fact]
    public async Task Authorize_InProductionBehindTheProxy_IsServedAndSendsToAnHttpsLoginPage()
    {
        await using var factory = new KestrelProductionFactory();
        factory.Settings["Ifttt:ClientSecret"] = OAuthFactory.ClientSecret;
        var authorize = OAuthFlow.AuthorizeUrl("proxied-state");

        var direct = await PlainClient(factory).GetAsync(authorize, Ct);
        var proxied = await ProxyClient(factory).GetAsync(authorize, Ct);

        // OpenIddict refuses plain http outside Development; through the proxy it sees the client's https.
        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.True(proxied.StatusCode == HttpStatusCode.Redirect, $"Expected the login redirect, got {(int)proxied.StatusCode}: {await proxied.Content.ReadAsStringAsync(Ct)}");
        var login = proxied.Headers.Location!;
        Assert.Equal("https://portal.example.com/Account/Login", login.GetLeftPart(UriPartial.Path));
        Assert.Contains(Uri.EscapeDataString("/connect/authorize?client_id=ifttt"), login.Query);
    }

    /// <summary>What nginx sends for a client that asked for https://portal.example.com.</summary>
    private static HttpClient ProxyClient(AdminPortalFactory factory)
    {
        var client = PlainClient(factory);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", ProductionFactory.PublicHost);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        return client;
    }

    private static HttpClient PlainClient(AdminPortalFactory factory) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = KestrelAddress.Of(factory) };

    private static async Task<JsonElement> DiscoveryAsync(HttpClient client) =>
        await HttpAssert.JsonAsync(await client.GetAsync("/.well-known/openid-configuration", Ct), HttpStatusCode.OK);
}
