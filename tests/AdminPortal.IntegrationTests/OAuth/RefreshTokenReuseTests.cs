using System.Net;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>
/// The stolen-refresh-token attack of issue 20: forking one token into many families by refreshing it in parallel,
/// and replaying an old one long after it was exchanged. Moves the shared fake clock forward only.
/// </summary>
public sealed class RefreshTokenReuseTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<(OAuthFlow Flow, string UserId, TokenResponse Tokens)> LinkNewUserAsync(string prefix) =>
        OAuthFlow.LinkNewUserAsync(factory, prefix);

    [Fact]
    public async Task Refresh_TwentyInParallelWithSameToken_AllAnsweredWithOneSuccessor()
    {
        var (flow, userId, linked) = await LinkNewUserAsync("parallel");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => flow.RefreshAsync(linked.RefreshToken))));

        Assert.All(responses, r => r.AssertOk());
        var successor = Assert.Single(responses.Select(r => r.RefreshToken).Distinct());
        Assert.Equal(1, await LiveRefreshTokensAsync(userId));
        Assert.All(await Task.WhenAll(responses.Select(r => flow.WhoAmIAsync(r.AccessToken))), r => Assert.Equal((HttpStatusCode.OK, userId), r));

        // The chain goes on from the one successor, and the old token still leads only to it.
        var next = (await flow.RefreshAsync(successor)).AssertOk();
        Assert.Equal(successor, (await flow.RefreshAsync(linked.RefreshToken)).AssertOk().RefreshToken);
        Assert.Equal(1, await LiveRefreshTokensAsync(userId));
        Assert.Equal((HttpStatusCode.OK, userId), await flow.WhoAmIAsync(next.AccessToken));
    }

    [Fact]
    public async Task Refresh_ReplayAfterGrace_RevokesTheChainAndTheUserPageShowsIt()
    {
        var (flow, userId, linked) = await LinkNewUserAsync("replay");
        var first = (await flow.RefreshAsync(linked.RefreshToken)).AssertOk();
        factory.Time.Advance(TimeSpan.FromMinutes(55));
        var current = (await flow.RefreshAsync(first.RefreshToken)).AssertOk(); // IFTTT's newest pair, still in date below

        // An hour and a minute after it was exchanged, someone presents the first refresh token again.
        factory.Time.Advance(TimeSpan.FromMinutes(6));
        var replay = await flow.RefreshAsync(linked.RefreshToken);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (replay.Status, replay.Error));
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync(current.AccessToken)).Status);
        var refused = await flow.RefreshAsync(current.RefreshToken);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (refused.Status, refused.Error));
        Assert.Equal(0, await LiveRefreshTokensAsync(userId));

        var admin = factory.CreateBrowserLikeClient();
        await FormPoster.LoginAsync(admin, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword);
        var page = await admin.GetStringAsync($"/admin/users/{userId}", Ct);
        Assert.Contains(TokenFailureReasons.Replayed, page, StringComparison.Ordinal);
        Assert.Contains("every token of this link was revoked", page, StringComparison.Ordinal);
    }

    private Task<int> LiveRefreshTokensAsync(string userId) => LiveRefreshTokensAsync(factory, userId);

    /// <summary>Refresh tokens of the user that the token endpoint would still exchange as new (not redeemed, not revoked).</summary>
    internal static async Task<int> LiveRefreshTokensAsync(AdminPortalFactory factory, string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var live = 0;
        await foreach (var token in tokens.FindBySubjectAsync(userId, Ct))
        {
            if (await tokens.GetTypeAsync(token, Ct) is { } type && type.EndsWith(TokenTypeHints.RefreshToken, StringComparison.Ordinal) &&
                await tokens.HasStatusAsync(token, Statuses.Valid, Ct))
            {
                live++;
            }
        }
        return live;
    }
}
