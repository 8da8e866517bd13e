using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AcmeHome.Tests;

/// <summary>A product with two-second access tokens, so expiry can be watched.</summary>
public sealed class ShortTokensFixture : AcmeHomeFixture
{
    protected override AcmeHomeOptions Options => new() { AccessTokenLifetime = TimeSpan.FromSeconds(2) };
}

public sealed class TokenLifecycleTests(ShortTokensFixture fixture) : IClassFixture<ShortTokensFixture>
{
    private readonly AcmeHomeServer server = fixture.Server;

    [Fact]
    public async Task AccessToken_Expired_401ThenRefreshWorks()
    {
        var tokens = await server.SignInAsync("bob@acme.test", "Bob-pass-1", ct: Ct);
        using var client = server.CreateApiClient(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/me", Ct)).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(3.5), Ct);
        using var expired = await client.GetAsync("api/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("invalid_token", (await expired.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());

        using var refresh = await AcmeHomeSignIn.RefreshAsync(server.BaseUrl, tokens.RefreshToken!, ct: Ct);
        var renewed = await AcmeHomeSignIn.ReadTokensAsync(refresh, Ct);
        using var again = server.CreateApiClient(renewed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task RevokeTokens_User_RefreshInvalidGrantAndApi401()
    {
        var tokens = await server.SignInAsync("alice@acme.test", "Alice-pass-1", ct: Ct);
        await server.RevokeTokensAsync("usr_alice", Ct);

        using var refresh = await AcmeHomeSignIn.RefreshAsync(server.BaseUrl, tokens.RefreshToken!, ct: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());

        using var client = server.CreateApiClient(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/me", Ct)).StatusCode);

        // Signing in again works: the account is fine, only the old grant is gone.
        var fresh = await server.SignInAsync("alice@acme.test", "Alice-pass-1", ct: Ct);
        using var freshClient = server.CreateApiClient(fresh.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await freshClient.GetAsync("api/me", Ct)).StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
