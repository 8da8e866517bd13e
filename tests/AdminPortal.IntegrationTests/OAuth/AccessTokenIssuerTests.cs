using System.Net;
using System.Net.Http.Headers;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.OAuth;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AdminPortal.IntegrationTests.OAuth;

public sealed class AccessTokenIssuerTests : IClassFixture<AccessTokenIssuerTests.Factory>
{
    public sealed class Factory : AdminPortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, WhoAmIStartupFilter>());
        }
    }

    private readonly Factory _factory;

    public AccessTokenIssuerTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task IssueAsync_ForUser_TokenAuthenticatesAsThatUserUntilAuthorizationRevoked()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();
        var (userId, tokens) = await IssueForNewUserAsync("minted@test.local", ct);

        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(userId, await WhoAmIAsync(client, tokens.AccessToken, HttpStatusCode.OK, ct));

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            await foreach (var authorization in authorizations.FindBySubjectAsync(userId, ct))
            {
                await authorizations.TryRevokeAsync(authorization, ct);
            }
        }

        await WhoAmIAsync(client, tokens.AccessToken, HttpStatusCode.Unauthorized, ct);
    }

    [Fact]
    public async Task WhoAmI_GarbageToken_Unauthorized()
    {
        await WhoAmIAsync(_factory.CreateClient(), "not-a-token", HttpStatusCode.Unauthorized, TestContext.Current.CancellationToken);
    }

    private async Task<(string UserId, IssuedTokens Tokens)> IssueForNewUserAsync(string email, CancellationToken ct)
    {
        _ = _factory.CreateClient(); // starts the host: migrations and the IFTTT client registration
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user, "Passw0rd-Long-Enough")).Succeeded);

        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        var tokens = await scope.ServiceProvider.GetRequiredService<IAccessTokenIssuer>().IssueAsync(user.Id, request, ct);
        return (user.Id, tokens);
    }

    private static async Task<string> WhoAmIAsync(HttpClient client, string token, HttpStatusCode expected, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "/test/whoami");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(message, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }
}
