using System.Net;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Abstractions;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>
/// Validated bearer tokens are remembered for a few minutes (docs/decisions/0007); every way the app ends a token's
/// validity must still refuse the very next call made with a token that was just accepted (and so remembered).
/// </summary>
public sealed class BearerCacheTests(BearerCacheTests.Factory factory) : IClassFixture<BearerCacheTests.Factory>
{
    public sealed class Factory : IftttFactory
    {
        public Factory() => Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserEndpoint_SameTokenAgain_StillAnswersAsThatUser()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        for (var i = 0; i < 3; i++)
        {
            var json = await HttpAssert.JsonAsync(await client.GetAsync("/ifttt/v1/user/info", Ct), HttpStatusCode.OK);
            Assert.Equal(userId, json.GetProperty("data").GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task UserEndpoint_AuthorizationRevokedAfterUse_Returns401OnNextCall()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        await PollOkAsync(client);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            await foreach (var authorization in authorizations.FindBySubjectAsync(userId, Ct))
            {
                Assert.True(await authorizations.TryRevokeAsync(authorization, Ct));
            }
        }

        await HttpAssert.ErrorAsync(await PollAsync(client), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UserEndpoint_DisconnectedAfterUse_Returns401OnNextCall()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        await PollOkAsync(client);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var connections = scope.ServiceProvider.GetRequiredService<ConnectionsService>();
            var connection = Assert.Single(await connections.ListAsync(userId, Ct));
            Assert.True(await connections.DisconnectAsync(userId, connection.AuthorizationId, Ct));
        }

        await HttpAssert.ErrorAsync(await PollAsync(client), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UserEndpoint_TokensRevokedInBulkAfterUse_Returns401OnNextCall()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        await PollOkAsync(client);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // One UPDATE statement for all of the user's tokens (no entity is loaded).
            Assert.True(await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().RevokeBySubjectAsync(userId, Ct) > 0);
        }

        await HttpAssert.ErrorAsync(await PollAsync(client), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UserEndpoint_RememberedTokenPastItsExpiry_Returns401()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        await PollOkAsync(client);

        factory.Clock!.Advance(TimeSpan.FromHours(2)); // past the 1-hour access token lifetime

        await HttpAssert.ErrorAsync(await PollAsync(client), HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> PollAsync(HttpClient client) =>
        client.PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json("""{"triggerFields":{"door":"front"}}"""), Ct);

    private static async Task PollOkAsync(HttpClient client) =>
        await HttpAssert.JsonAsync(await PollAsync(client), HttpStatusCode.OK);
}
