using AdminPortal.Features.Accounts.Administration;
using System.Net;
using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>
/// Refresh tokens as IFTTT relies on them: no timed expiry and a grace window for the previous one
/// (reuse detection, parallel refreshes: <see cref="RefreshTokenReuseTests"/>). Moves the shared fake clock forward only.
/// </summary>
public sealed class RefreshTokenTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private Task<(OAuthFlow Flow, string UserId, TokenResponse Tokens)> LinkNewUserAsync(string prefix) =>
        OAuthFlow.LinkNewUserAsync(factory, prefix);

    [Fact]
    public async Task Refresh_PreviousTokenInsideGrace_AnsweredWithTheSameSuccessor()
    {
        var (flow, userId, linked) = await LinkNewUserAsync("grace");

        var first = (await flow.RefreshAsync(linked.RefreshToken)).AssertOk();
        Assert.NotEqual(linked.RefreshToken, first.RefreshToken);
        Assert.Equal((HttpStatusCode.OK, userId), await flow.WhoAmIAsync(first.AccessToken));

        // IFTTT lost the answer and retries with the old token 50 minutes later ("older refresh token does not
        // expire immediately"): it works, and hands back what the lost answer held, not a second family.
        factory.Time.Advance(TimeSpan.FromMinutes(50));
        var retry = (await flow.RefreshAsync(linked.RefreshToken)).AssertOk();
        Assert.Equal(first.RefreshToken, retry.RefreshToken);
        Assert.Equal((HttpStatusCode.OK, userId), await flow.WhoAmIAsync(retry.AccessToken));

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
    public async Task Refresh_AccountLockedOrDeleted_InvalidGrant()
    {
        var (flow, userId, linked) = await LinkNewUserAsync("locked");
        var (otherFlow, otherId, otherTokens) = await LinkNewUserAsync("deleted");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            // An admin's lock: a lockout after failed sign-ins leaves refresh working (LockoutAttackTests).
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(userId))!, AdminAccounts.LockedIndefinitely);
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
