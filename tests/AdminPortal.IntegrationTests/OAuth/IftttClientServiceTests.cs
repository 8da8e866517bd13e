using System.Net;
using System.Text.Json;
using AdminPortal.Features.OAuth;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>With no secret configured, the generated one is what admins read, what IFTTT must send, and rotatable.</summary>
public sealed class IftttClientServiceTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task GetInfo_NoConfiguredSecret_GeneratedSecretAuthenticatesAndRotationReplacesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IftttClientService>();

        var info = await service.GetInfoAsync(new Uri("https://portal.example.com"), ct);

        Assert.Equal("ifttt", info.ClientId);
        Assert.Equal("https://portal.example.com/connect/authorize", info.AuthorizeUrl);
        Assert.Equal("https://portal.example.com/connect/token", info.TokenUrl);
        Assert.Equal("https://ifttt.com/channels/demo_home/authorize", info.RedirectUri);
        Assert.False(info.SecretFromConfiguration);
        Assert.True(info.ClientSecret.Length >= 40);
        Assert.Equal(HttpStatusCode.BadRequest, await ClientAuthenticationAsync(client, info.ClientSecret, ct));

        var rotated = await service.RotateSecretAsync(ct);

        Assert.NotEqual(info.ClientSecret, rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, await ClientAuthenticationAsync(client, info.ClientSecret, ct));
        Assert.Equal(HttpStatusCode.BadRequest, await ClientAuthenticationAsync(client, rotated, ct));
    }

    /// <summary>401 invalid_client when the secret is refused; 400 invalid_grant (for the junk token) once it is accepted.</summary>
    private static async Task<HttpStatusCode> ClientAuthenticationAsync(HttpClient client, string secret, CancellationToken ct)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = "junk", ["client_id"] = "ifttt", ["client_secret"] = secret,
        }), ct);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("error").GetString();
        Assert.Equal(response.StatusCode == HttpStatusCode.Unauthorized ? "invalid_client" : "invalid_grant", error);
        return response.StatusCode;
    }
}
