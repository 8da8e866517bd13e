using System.Net;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.Secrets;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>With no secret configured, none is known until an admin generates one; it is shown once and works at once.</summary>
public sealed class IftttClientServiceTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task GenerateSecret_NoConfiguredSecret_GeneratedSecretAuthenticatesAndTheNextReplacesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = factory.Server; // start the host: migrations, the OAuth client registration
        await using var scope = factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IftttClientService>();

        var info = service.GetInfo(new Uri("https://portal.example.com"));

        Assert.Equal("ifttt", info.ClientId);
        Assert.Equal("https://portal.example.com/connect/authorize", info.AuthorizeUrl);
        Assert.Equal("https://portal.example.com/connect/token", info.TokenUrl);
        Assert.Equal("https://ifttt.com/channels/demo_home/authorize", info.RedirectUri);
        Assert.False(info.SecretFromConfiguration);
        var status = await scope.ServiceProvider.GetRequiredService<ISecretStore>().DescribeAsync(SecretNames.ClientSecret, ct);
        Assert.Equal(SecretSource.None, status.Source);

        var generated = await service.GenerateSecretAsync(ct);
        Assert.True(generated.Length >= 40);
        Assert.Equal(HttpStatusCode.BadRequest, await SecretClients.ClientAuthenticationAsync(factory, generated));

        var replaced = await service.GenerateSecretAsync(ct);

        Assert.NotEqual(generated, replaced);
        Assert.Equal(HttpStatusCode.Unauthorized, await SecretClients.ClientAuthenticationAsync(factory, generated));
        Assert.Equal(HttpStatusCode.BadRequest, await SecretClients.ClientAuthenticationAsync(factory, replaced));
    }
}
