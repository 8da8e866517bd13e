using System.Net;
using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>
/// Refresh tokens as IFTTT relies on them: no timed expiry, a grace window for the previous one, and
/// no server errors when it refreshes in parallel. Moves the shared fake clock forward only.
/// </summary>
public sealed class RefreshTokenTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private async Task<(OAuthFlow Flow, string UserId, TokenResponse Tokens)> LinkNewUserAsync(string prefix)
    {
        var (userId, email) = await factory.CreateUserAsync(prefix);
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        return (flow, userId, await flow.LinkAsync());
    }

    [Fact]
    public async Task Refresh_PreviousTokenInsideGrace_StillWorksAndFailsAfterIt()
    {
        var (flow, userId, linked) = await LinkNewUserAsync("grace");

        var first = (await flow.RefreshAsync(linked.RefreshToken)).AssertOk();
        Assert.NotEqual(linked.RefreshToken, first.RefreshToken);
        Assert.Equal((HttpStatusCode.OK, userId), await flow.WhoAmIAsync(first.AccessToken));

        // IFTTT lost the answer and retries with the old token 50 minutes later: still fine.
        factory.Time.Advance(TimeSpan.FromMinutes(50));
        var retry = (await flow.RefreshAsync(linked.RefreshToken)).AssertOk();

        // Past the hour of grace the old one is refused …
        factory.Time.Advance(TimeSpan.FromMinutes(11));
        var stale = await flow.RefreshAsync(linked.RefreshToken);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (stale.Status, stale.Error));

        // … without taking the user's newer tokens down with it (no chain revocation, see decision 0003).
        var current = (await flow.RefreshAsync(retry.RefreshToken)).AssertOk();
        Assert.Equal((HttpStatusCode.OK, userId), await flow.WhoAmIAsync(current.AccessToken));
    }

    [Fact]
    public async Task Refresh_After90Days_StillIssuesTokens()
    {
        var (flow, userId, linked) = await LinkNewUserAsync("longlived");

        factory.Time.Advance(TimeSpan.FromDays(90));

        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync(linked.AccessToken)).Status);
        var refreshed = (await flow.RefreshAsync(linked.RefreshToken)).AssertOk();
        Assert.Equal((HttpStatusCode.OK, userId), await flow.WhoAmIAsync(refreshed.AccessToken));
    }

    [Fact]
    public async Task Refresh_TenInParallelWithSameToken_EachSucceedsOrGetsInvalidGrant()
    {
        var (flow, _, linked) = await LinkNewUserAsync("parallel");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => flow.RefreshAsync(linked.RefreshToken))));

        Assert.All(responses, r => Assert.True(
            r.Status == HttpStatusCode.OK || (r.Status == HttpStatusCode.BadRequest && r.Error == "invalid_grant"),
            $"{(int)r.Status} {r.Body}"));
        Assert.Contains(responses, r => r.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_AccountLockedOrDeleted_InvalidGrant()
    {
        var (flow, userId, linked) = await LinkNewUserAsync("locked");
        var (otherFlow, otherId, otherTokens) = await LinkNewUserAsync("deleted");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(userId))!, factory.Time.GetUtcNow().AddHours(1));
            await users.DeleteAsync((await users.FindByIdAsync(otherId))!);
        }

        var locked = await flow.RefreshAsync(linked.RefreshToken);
        var deleted = await otherFlow.RefreshAsync(otherTokens.RefreshToken);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (locked.Status, locked.Error));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (deleted.Status, deleted.Error));
    }

    [Fact]
    public async Task Refresh_GarbageToken_InvalidGrant()
    {
        var response = await new OAuthFlow(factory).RefreshAsync("not-a-refresh-token");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (response.Status, response.Error));
    }
}
