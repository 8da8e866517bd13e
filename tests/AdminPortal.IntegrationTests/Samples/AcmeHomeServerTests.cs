using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Samples;

/// <summary>The sample product and AdminPortal share this test process without stepping on each other.</summary>
public sealed class AcmeHomeServerTests
{
    [Fact]
    public async Task AcmeHome_BesideAdminPortal_BothServeTheirOwnApp()
    {
        await using var acme = await AcmeHomeServer.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var portal = new AdminPortalFactory();
        using var portalClient = portal.CreateClient();
        var portalDiscovery = await portalClient.GetFromJsonAsync<JsonElement>(
            "/.well-known/openid-configuration", TestContext.Current.CancellationToken);
        Assert.NotEqual(acme.BaseUrl.ToString(), portalDiscovery.GetProperty("issuer").GetString());
        using var health = await portalClient.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var tokens = await acme.SignInAsync("alice@acme.test", "Alice-pass-1", ct: TestContext.Current.CancellationToken);
        using var api = acme.CreateApiClient(tokens.AccessToken);
        var me = await api.GetFromJsonAsync<JsonElement>("api/me", TestContext.Current.CancellationToken);
        Assert.Equal("usr_alice", me.GetProperty("id").GetString());

        // The product's issuer is its own base URL, not AdminPortal's.
        using var discovery = await acme.CreateClient().GetAsync(".well-known/openid-configuration", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Equal(acme.BaseUrl.ToString(),
            (await discovery.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("issuer").GetString());
    }
}
