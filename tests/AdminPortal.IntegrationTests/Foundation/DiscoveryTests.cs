using System.Net;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Foundation;

public sealed class DiscoveryTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task DiscoveryDocument_Get_ListsAuthorizationAndTokenEndpoints()
    {
        var response = await factory.CreateClient().GetAsync("/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("http://localhost/connect/authorize", json.RootElement.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("http://localhost/connect/token", json.RootElement.GetProperty("token_endpoint").GetString());
        Assert.Contains("authorization_code", json.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
