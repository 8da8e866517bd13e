using System.Net;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>The user's "Connected services" on /Account, and what IFTTT sees after a disconnect.</summary>
public sealed class DisconnectTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    [Fact]
    public async Task AccountPage_Disconnect_TokensStopWorkingAndRelinkAsksConsentAgain()
    {
        var (_, email) = await factory.CreateUserAsync("disconnector");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        var tokens = await flow.LinkAsync();
        Assert.Equal(HttpStatusCode.OK, (await flow.WhoAmIAsync(tokens.AccessToken)).Status);

        var account = await flow.Browser.GetStringAsync("/Account", TestContext.Current.CancellationToken);
        Assert.Contains("Connected services", account);
        Assert.Contains("IFTTT", account);
        var authorizationId = FormPoster.HiddenValue(account, "AuthorizationId");

        var disconnected = await FormPoster.SubmitAsync(flow.Browser, "/Account",
            new Dictionary<string, string> { ["AuthorizationId"] = authorizationId }, formName: "disconnect-service");
        var page = await disconnected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, disconnected.StatusCode);
        Assert.Contains("IFTTT is disconnected", page);
        Assert.Contains("No services are connected", page);
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync(tokens.AccessToken)).Status);
        var refresh = await flow.RefreshAsync(tokens.RefreshToken);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (refresh.Status, refresh.Error));
        // The remembered consent went with the authorization.
        Assert.Equal(HttpStatusCode.OK, (await flow.Browser.GetAsync(OAuthFlow.AuthorizeUrl("again"), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ConnectionsService_ListAndDisconnect_OwnOnlyUnlessAdmin()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ownerId, ownerEmail) = await factory.CreateUserAsync("owner");
        var (otherId, _) = await factory.CreateUserAsync("other");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(ownerEmail);
        var linkedAt = factory.Time.GetUtcNow();
        var tokens = await flow.LinkAsync();
        await flow.WhoAmIAsync(tokens.AccessToken);

        await using var scope = factory.Services.CreateAsyncScope();
        var connections = scope.ServiceProvider.GetRequiredService<ConnectionsService>();
        var connection = Assert.Single(await connections.ListAsync(ownerId, ct));
        Assert.Equal(("IFTTT", "ifttt"), (connection.ClientName, connection.ClientId));
        Assert.InRange(connection.LinkedAt!.Value, linkedAt.AddSeconds(-1), linkedAt.AddSeconds(1));
        Assert.NotNull(connection.LastUsedAt);

        Assert.False(await connections.DisconnectAsync(otherId, connection.AuthorizationId, ct));
        Assert.Equal(HttpStatusCode.OK, (await flow.WhoAmIAsync(tokens.AccessToken)).Status);

        Assert.True(await connections.DisconnectAnyAsync(connection.AuthorizationId, ct));
        Assert.Empty(await connections.ListAsync(ownerId, ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync(tokens.AccessToken)).Status);
    }
}
