using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AcmeHome.Tests;

public sealed class SignInTests(AcmeHomeFixture fixture) : IClassFixture<AcmeHomeFixture>
{
    private readonly AcmeHomeServer server = fixture.Server;

    [Fact]
    public async Task Discovery_Served_ListsEndpointsAndS256()
    {
        using var client = server.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration", Ct);
        Assert.Equal(server.BaseUrl.ToString(), doc.GetProperty("issuer").GetString());
        Assert.EndsWith("/connect/authorize", doc.GetProperty("authorization_endpoint").GetString());
        Assert.EndsWith("/connect/userinfo", doc.GetProperty("userinfo_endpoint").GetString());
        Assert.EndsWith("/connect/revoke", doc.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(["S256"], doc.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task SignIn_CodeAndPkce_GivesTokensAndUserInfo()
    {
        var tokens = await server.SignInAsync("alice@acme.test", "Alice-pass-1", ct: Ct);
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
        Assert.InRange(tokens.ExpiresIn, 500, 600);

        using var client = server.CreateApiClient(tokens.AccessToken);
        var info = await client.GetFromJsonAsync<JsonElement>("connect/userinfo", Ct);
        Assert.Equal("usr_alice", info.GetProperty("sub").GetString());
        Assert.Equal("Alice Example", info.GetProperty("name").GetString());
        Assert.Equal("alice@acme.test", info.GetProperty("email").GetString());
    }

    [Fact]
    public async Task CodeExchange_WrongVerifier_InvalidGrant()
    {
        var authorization = await AcmeHomeSignIn.AuthorizeAsync(
            server.BaseUrl, "bob@acme.test", "Bob-pass-1", AcmeHomeServer.TestRedirectUri, ct: Ct);
        using var response = await AcmeHomeSignIn.ExchangeCodeAsync(
            server.BaseUrl, authorization with { CodeVerifier = authorization.CodeVerifier + "x" }, ct: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task SignIn_WrongPassword_FormSaysSo()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => server.SignInAsync("alice@acme.test", "nope", ct: Ct));
        Assert.Contains("Email or password is incorrect.", failure.Message);
    }

    [Fact]
    public async Task Refresh_ValidToken_NewTokensWork()
    {
        var tokens = await server.SignInAsync("bob@acme.test", "Bob-pass-1", ct: Ct);
        using var response = await AcmeHomeSignIn.RefreshAsync(server.BaseUrl, tokens.RefreshToken!, ct: Ct);
        var refreshed = await AcmeHomeSignIn.ReadTokensAsync(response, Ct);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);

        using var client = server.CreateApiClient(refreshed.AccessToken);
        var info = await client.GetFromJsonAsync<JsonElement>("connect/userinfo", Ct);
        Assert.Equal("usr_bob", info.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Revoke_RefreshToken_NextRefreshInvalidGrant()
    {
        var tokens = await server.SignInAsync(ct: Ct);
        using var client = server.CreateClient();
        using var revoke = await client.PostAsync("connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = AcmeHomeServer.ClientId,
            ["client_secret"] = AcmeHomeServer.ClientSecret,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        using var refresh = await AcmeHomeSignIn.RefreshAsync(server.BaseUrl, tokens.RefreshToken!, ct: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_Refused()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => AcmeHomeSignIn.AuthorizeAsync(
            server.BaseUrl, "alice@acme.test", "Alice-pass-1", "http://evil.test/cb", ct: Ct));
        Assert.Contains("400", failure.Message);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
