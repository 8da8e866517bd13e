using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.ProductLink;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.ProductLink;

/// <summary>A user who exists only in the product links IFTTT through the product's own sign-in.</summary>
public sealed class ProductLinkTests(ProductLinkFixture fixture) : IClassFixture<ProductLinkFixture>
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProductUser_LinksThroughProductSignIn_UserInfoAnswersTheProductIdentityAndTokensAreEncrypted()
    {
        var flow = new OAuthFlow(fixture.App);
        var ifttt = await fixture.LinkThroughProductAsync(flow, "alice@acme.test", "Alice-pass-1");

        var (status, info) = await fixture.UserInfoAsync(flow, ifttt.AccessToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("usr_alice", info.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("Alice Example", info.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal(fixture.Acme.BaseUrl + "account", info.GetProperty("data").GetProperty("url").GetString());

        var user = await FindAsync("usr_alice");
        Assert.Equal("usr_alice", user.ExternalId);
        Assert.Null(user.PasswordHash); // no AdminPortal password was ever created

        // AdminPortal holds a working product token for the user, and the database holds only ciphertext.
        var tokens = fixture.App.Services.GetRequiredService<IProductTokens>();
        var access = await tokens.GetAccessTokenAsync(user.Id, ct);
        Assert.Equal("usr_alice", await ProductMeAsync(access));
        var (rawAccess, rawRefresh) = await RawTokenColumnsAsync(user.Id);
        Assert.DoesNotContain(access, rawAccess);
        // Data Protection's payload header ("CfDJ8" in base64url), not a JWT: a check for "eyJ" anywhere in the
        // ciphertext failed by chance about once in two hundred runs.
        Assert.StartsWith("CfDJ8", rawAccess);
        Assert.False(string.IsNullOrEmpty(rawRefresh));
        Assert.StartsWith("CfDJ8", rawRefresh);
    }

    [Fact]
    public async Task StrangerLocksThePasswordForm_ProductSignInStillWorks()
    {
        await fixture.LinkThroughProductAsync(new OAuthFlow(fixture.App), "alice@acme.test", "Alice-pass-1", state: "first-state");
        var stranger = fixture.App.CreateBrowserLikeClient();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await FormPoster.LoginAsync(stranger, "alice@acme.test", "Wrong-Passw0rd-" + attempt);
        }
        Assert.True((await FindAsync("usr_alice")).LockoutEnd > DateTimeOffset.UtcNow, "the wrong passwords locked the account's password sign-in");

        var again = await fixture.LinkThroughProductAsync(new OAuthFlow(fixture.App), "alice@acme.test", "Alice-pass-1", state: "after-lock-state");

        Assert.False(string.IsNullOrEmpty(again.AccessToken));
    }

    [Fact]
    public async Task ProductToken_NearExpiry_IsRefreshedTransparently()
    {
        var flow = new OAuthFlow(fixture.App);
        await fixture.LinkThroughProductAsync(flow, "alice@acme.test", "Alice-pass-1", state: "refresh-state");
        var user = await FindAsync("usr_alice");
        var tokens = fixture.App.Services.GetRequiredService<IProductTokens>();
        var before = await tokens.GetAccessTokenAsync(user.Id, ct);

        // The product's access tokens live 10 minutes: 10 minutes later AdminPortal refreshes before using one.
        fixture.App.Time.Advance(TimeSpan.FromMinutes(10));
        var after = await tokens.GetAccessTokenAsync(user.Id, ct);

        Assert.NotEqual(before, after);
        Assert.Equal("usr_alice", await ProductMeAsync(after));
        var status = await fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ProductLinkStatus>().GetAsync(user.Id, ct);
        Assert.Equal(ProductLinkState.Valid, status!.State);
        Assert.NotNull(status.RefreshedAt);
    }

    [Fact]
    public async Task ProductRefusesRefresh_IftttGets401_HealthSaysBroken_OneReconnectEmail()
    {
        var flow = new OAuthFlow(fixture.App);
        var ifttt = await fixture.LinkThroughProductAsync(flow, "bob@acme.test", "Bob-pass-1", state: "broken-state");
        Assert.Equal(HttpStatusCode.OK, (await fixture.UserInfoAsync(flow, ifttt.AccessToken)).Status);
        var user = await FindAsync("usr_bob");
        var tokens = fixture.App.Services.GetRequiredService<IProductTokens>();
        var access = await tokens.GetAccessTokenAsync(user.Id, ct);

        await fixture.Acme.RevokeTokensAsync("usr_bob", ct); // e.g. Bob signed out of all devices at Acme
        await Assert.ThrowsAsync<ProductLinkBrokenException>(() => tokens.RefreshAfterRejectionAsync(user.Id, access, ct));
        await Assert.ThrowsAsync<ProductLinkBrokenException>(() => tokens.GetAccessTokenAsync(user.Id, ct));

        var (status, body) = await fixture.UserInfoAsync(flow, ifttt.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(body.GetProperty("errors")[0].TryGetProperty("message", out _));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var health = await scope.ServiceProvider.GetRequiredService<TokenHealthService>().GetAsync(user.Id, ct);
        Assert.Equal(TokenHealthState.ProductLinkBroken, health!.State);

        var outbox = Path.Combine(fixture.App.DataDirectory, "outbox");
        var emails = await WaitForEmailsToAsync(outbox, "bob@acme.test", TimeSpan.FromSeconds(60));
        Assert.Single(emails);
        Assert.Contains("Reconnect", await File.ReadAllTextAsync(emails[0], ct));

        // Refused again later: still the same break, no second email.
        await Assert.ThrowsAsync<ProductLinkBrokenException>(() => tokens.RefreshAfterRejectionAsync(user.Id, access, ct));
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.Single(EmailsTo(outbox, "bob@acme.test"));
    }

    [Fact]
    public async Task IngestByProductIds_LinkedUsersEventsStored_UnlinkedOnesSkippedAndCounted()
    {
        var flow = new OAuthFlow(fixture.App);
        var ifttt = await fixture.LinkThroughProductAsync(flow, "alice@acme.test", "Alice-pass-1", state: "ingest-state");
        var door = $"door-{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;

        // The product sends every user's events under its own ids; carol never linked IFTTT.
        using var product = fixture.App.CreateClient();
        product.DefaultRequestHeaders.Add("X-Api-Key", ProductLinkFixture.IngestKey);
        var response = await product.PostAsJsonAsync("/api/v1/events", new[]
        {
            IftttFactory.DoorEvent("usr_carol", door, at),
            IftttFactory.DoorEvent("usr_alice", door, at, sourceId: door),
            IftttFactory.DoorEvent("usr_carol", door, at.AddSeconds(1)),
        }, ct);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(2, body.GetProperty("skipped_unlinked").GetInt32());
        var items = body.GetProperty("data");
        Assert.Equal("unlinked", items[0].GetProperty("skipped").GetString());
        Assert.False(items[0].TryGetProperty("id", out _));
        var aliceEventId = items[1].GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(aliceEventId));
        Assert.Equal("unlinked", items[2].GetProperty("skipped").GetString());

        // IFTTT's poll for alice finds her event, with no admin having mapped anything.
        using var poll = new HttpRequestMessage(HttpMethod.Post, "/ifttt/v1/triggers/door_opened")
        {
            Content = IftttFactory.Json(JsonSerializer.Serialize(new { triggerFields = new { door }, trigger_identity = door })),
        };
        poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ifttt.AccessToken);
        var polled = await HttpAssert.JsonAsync(await flow.Ifttt.SendAsync(poll, ct), HttpStatusCode.OK);
        Assert.Equal(aliceEventId, Assert.Single(polled.GetProperty("data").EnumerateArray()).GetProperty("meta").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ProductDownDuringSignIn_UserSeesAPageThatSaysSo()
    {
        var acme = await ProductLinkFixture.StartAcmeAsync(ct);
        await using var app = new OAuthFactory();
        ProductLinkFixture.Configure(app, acme.BaseUrl);
        var flow = new OAuthFlow(app);
        var challenge = await flow.Browser.GetAsync("/Account/ProductLogin?returnUrl=%2FAccount", ct);
        using var productBrowser = AcmeHomeSignIn.CreateBrowser();
        var callback = await AcmeHomeSignIn.CompleteLoginAsync(productBrowser, challenge.Headers.Location!, "alice@acme.test", "Alice-pass-1",
            ProductLinkFixture.CallbackUri, ct);

        await acme.DisposeAsync(); // the product goes down before AdminPortal redeems the code

        var response = await flow.Browser.GetAsync(callback.PathAndQuery, ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await flow.Browser.GetAsync(response.Headers.Location, ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Signing in with Acme Home did not work", html);
        Assert.DoesNotContain("   at ", html);
    }

    private async Task<AppUser> FindAsync(string subject)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByLoginAsync(ProductSignIn.Scheme, subject);
        Assert.NotNull(user);
        return user;
    }

    private async Task<string?> ProductMeAsync(string accessToken)
    {
        using var api = fixture.Acme.CreateApiClient(accessToken);
        var me = await api.GetFromJsonAsync<JsonElement>("api/me", ct);
        return me.GetProperty("id").GetString();
    }

    private async Task<(string Access, string Refresh)> RawTokenColumnsAsync(string userId)
    {
        await using var connection = TestDatabase.Connect(fixture.App);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "ProtectedAccessToken", "ProtectedRefreshToken" FROM "ProductLinks" WHERE "UserId" = @id""";
        command.AddParameter("@id", userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        return (reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1));
    }

    private static string[] EmailsTo(string outbox, string address) => Directory.Exists(outbox)
        ? [.. Directory.GetFiles(outbox, "*.eml").Where(f => File.ReadAllText(f).Contains(address, StringComparison.OrdinalIgnoreCase))]
        : [];

    private async Task<string[]> WaitForEmailsToAsync(string outbox, string address, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (EmailsTo(outbox, address) is { Length: > 0 } found)
            {
                return found;
            }
            await Task.Delay(250, ct);
        }
        return [];
    }
}
