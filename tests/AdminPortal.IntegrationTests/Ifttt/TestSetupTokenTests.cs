using System.Net;
using AdminPortal.Features.OAuth;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Abstractions;

namespace AdminPortal.IntegrationTests.Ifttt;

/// <summary>
/// Issue 20 item 11: every test/setup minted a never-expiring refresh token and nothing pruned them (~620 after one
/// test run). Now test/setup mints an access token only and keeps the newest few of the test user's tokens.
/// </summary>
public sealed class TestSetupTokenTests(TestSetupTokenTests.ClockedFactory factory) : IClassFixture<TestSetupTokenTests.ClockedFactory>
{
    /// <summary>OpenIddict stores creation dates to the second: each test/setup here happens a second after the last.</summary>
    public sealed class ClockedFactory : IftttFactory
    {
        public ClockedFactory() => Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> SetupTokenAsync()
    {
        factory.Clock!.Advance(TimeSpan.FromSeconds(1));
        var json = await HttpAssert.JsonAsync(await factory.ServiceKeyClient().PostAsync("/ifttt/v1/test/setup", null, Ct), HttpStatusCode.OK);
        return json.GetProperty("data").GetProperty("accessToken").GetString()!;
    }

    private async Task<HttpStatusCode> UserInfoStatusAsync(string token) =>
        (await factory.IftttClient(token).GetAsync("/ifttt/v1/user/info", Ct)).StatusCode;

    private async Task<string> TestUserIdAsync(string token)
    {
        var json = await HttpAssert.JsonAsync(await factory.IftttClient(token).GetAsync("/ifttt/v1/user/info", Ct), HttpStatusCode.OK);
        return json.GetProperty("data").GetProperty("id").GetString()!;
    }

    /// <summary>The test user's token rows by type (access_token, refresh_token), whatever their status.</summary>
    private async Task<List<string?>> TokenTypesAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var types = new List<string?>();
        await foreach (var token in tokens.FindBySubjectAsync(userId, Ct))
        {
            types.Add(await tokens.GetTypeAsync(token, Ct));
        }
        return types;
    }

    [Fact]
    public async Task TestSetup_CalledManyTimes_KeepsABoundedNumberOfTokensNoRefreshTokenAndTheNewestWorks()
    {
        var issued = new List<string>();
        for (var i = 0; i < AccessTokenIssuer.TestTokensKept * 3; i++)
        {
            issued.Add(await SetupTokenAsync());
        }
        var userId = await TestUserIdAsync(issued[^1]);

        var types = await TokenTypesAsync(userId);
        Assert.InRange(types.Count, 1, AccessTokenIssuer.TestTokensKept);
        Assert.All(types, type => Assert.Equal(OpenIddictConstants.TokenTypeIdentifiers.AccessToken, type));
        Assert.Equal(HttpStatusCode.OK, await UserInfoStatusAsync(issued[^1]));
        Assert.Equal(HttpStatusCode.OK, await UserInfoStatusAsync(issued[^AccessTokenIssuer.TestTokensKept]));
        Assert.Equal(HttpStatusCode.Unauthorized, await UserInfoStatusAsync(issued[0]));
    }

    [Fact]
    public async Task TestSetup_AfterAnEarlierVersionPiledUpRefreshTokens_TrimsThemToo()
    {
        var userId = await TestUserIdAsync(await SetupTokenAsync());
        // What earlier versions left behind: a refresh token (never expiring) with every test/setup.
        for (var i = 0; i < AccessTokenIssuer.TestTokensKept * 2; i++)
        {
            factory.Clock!.Advance(TimeSpan.FromSeconds(1));
            await factory.IssueTokenAsync(userId);
        }
        Assert.Contains(OpenIddictConstants.TokenTypeIdentifiers.RefreshToken, await TokenTypesAsync(userId));

        var newest = await SetupTokenAsync();

        var types = await TokenTypesAsync(userId);
        Assert.InRange(types.Count, 1, AccessTokenIssuer.TestTokensKept);
        Assert.Equal(HttpStatusCode.OK, await UserInfoStatusAsync(newest));
    }
}
