using System.Net;
using AdminPortal.Data;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>What the dashboard will show about each linked user's tokens, from what IFTTT did.</summary>
public sealed class TokenHealthTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserInfo_ValidToken_RecordsHealthyCheck()
    {
        var (userId, tokens) = await LinkAsync("checked");

        var (status, _) = await new OAuthFlow(factory).WhoAmIAsync(tokens.AccessToken, "/ifttt/v1/user/info");

        Assert.Equal(HttpStatusCode.OK, status);
        // A success is written just after the answer, with other checks (decision 0032).
        var health = await IftttFactory.EventuallyAsync(() => HealthOrNoneAsync(userId), h => h?.LastCheckAt is not null);
        Assert.Equal(TokenHealthState.Healthy, health!.State);
        var check = (await ChecksAsync(userId))[0];
        Assert.Equal((TokenCheckKind.UserInfo, true), (check.Kind, check.Succeeded));
    }

    [Fact]
    public async Task QueuedSuccesses_FailingUserRecoversAndHealthyUsersTimesMoveOn()
    {
        // Queued successes take the short way for a healthy user (only the times move) and the full recompute for one
        // who was failing; both must end where the rules say.
        var (failing, _) = await LinkAsync("recovers");
        var (healthy, _) = await LinkAsync("stays");
        await using var scope = factory.Services.CreateAsyncScope();
        var recorder = scope.ServiceProvider.GetRequiredService<TokenHealthRecorder>();
        await recorder.RecordAsync(new TokenCheckEvent(failing, TokenCheckKind.UserInfo, false, TokenFailureReasons.Revoked, StatusCode: 401), Ct);
        await recorder.RecordAsync(new TokenCheckEvent(healthy, TokenCheckKind.UserInfo, true, StatusCode: 200), Ct);
        Assert.Equal((TokenHealthState.Failing, TokenHealthState.Healthy), ((await HealthAsync(failing)).State, (await HealthAsync(healthy)).State));

        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var later = factory.Time.GetUtcNow();
        await recorder.QueueAsync(new TokenCheckEvent(failing, TokenCheckKind.Refresh, Succeeded: true, StatusCode: 200));
        await recorder.QueueAsync(new TokenCheckEvent(healthy, TokenCheckKind.UserInfo, Succeeded: true, StatusCode: 200));

        var recovered = await IftttFactory.EventuallyAsync(() => HealthAsync(failing), h => Near(h.LastSuccessAt, later));
        var moved = await IftttFactory.EventuallyAsync(() => HealthAsync(healthy), h => Near(h.LastCheckAt, later));
        Assert.Equal((TokenHealthState.Healthy, 0, null), (recovered.State, recovered.FailedChecks, recovered.LastFailureAt));
        Assert.Equal((TokenHealthState.Healthy, true), (moved.State, Near(moved.LastSuccessAt, later)));
    }

    [Fact]
    public async Task Recompute_ManyAtOnceForAUserWithoutARecord_OneRecordNoError()
    {
        // The queued checks' batch and a check written at once can both find no record for a new user and both create
        // one; the second must apply its state to the first's row instead of failing on the primary key.
        var (userId, _) = await LinkAsync("raced");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TokenHealthRecorder>().RecomputeAsync(userId, Ct);
        }));
        Assert.Equal(TokenHealthState.Healthy, (await HealthAsync(userId)).State);
    }

    [Fact]
    public async Task QueuedSuccessThenFailureWrittenAtOnce_StateFollowsWhenEachHappened()
    {
        // The success is queued, the failure written before the answer: whichever reaches the table first, the state is
        // computed from when each happened, so the later failure counts.
        var (userId, _) = await LinkAsync("ordered");
        await using var scope = factory.Services.CreateAsyncScope();
        var recorder = scope.ServiceProvider.GetRequiredService<TokenHealthRecorder>();

        await recorder.QueueAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, Succeeded: true, StatusCode: 200));
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        await recorder.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, false, TokenFailureReasons.Revoked, StatusCode: 401), Ct);

        await IftttFactory.EventuallyAsync(() => ChecksAsync(userId), checks => checks.Count(c => c.Kind == TokenCheckKind.UserInfo) == 2);
        var health = await HealthAsync(userId);
        Assert.Equal((TokenHealthState.Failing, 1), (health.State, health.FailedChecks));
    }

    [Fact]
    public async Task UserInfo_RevokedOrGarbageOrExpiredToken_Records401WithReasonAndUserWhenKnown()
    {
        var flow = new OAuthFlow(factory);
        var (revokedUser, revoked) = await LinkAsync("revoked");
        await DisconnectAllAsync(revokedUser);
        var (expiredUser, expired) = await LinkAsync("expired");

        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync(revoked.AccessToken, "/ifttt/v1/user/info")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync("garbage-" + Guid.NewGuid(), "/ifttt/v1/user/info")).Status);
        factory.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync(expired.AccessToken, "/ifttt/v1/triggers/door_opened", HttpMethod.Post)).Status);

        var revokedCheck = (await ChecksAsync(revokedUser))[0];
        Assert.Equal((TokenCheckKind.UserInfo, false, TokenFailureReasons.Revoked, 401), (revokedCheck.Kind, revokedCheck.Succeeded, revokedCheck.Reason, revokedCheck.StatusCode));
        Assert.Equal(TokenHealthState.Disconnected, (await HealthAsync(revokedUser)).State);

        var unknown = (await ChecksAsync(null))[0];
        Assert.Equal((TokenCheckKind.UserInfo, TokenFailureReasons.Malformed), (unknown.Kind, unknown.Reason));

        var expiredCheck = (await ChecksAsync(expiredUser))[0];
        Assert.Equal((TokenCheckKind.ApiCall, TokenFailureReasons.Expired), (expiredCheck.Kind, expiredCheck.Reason));
        // Expiry is routine (IFTTT refreshes): it does not make the user Failing.
        Assert.Equal(TokenHealthState.Healthy, (await HealthAsync(expiredUser)).State);
    }

    [Fact]
    public async Task Refresh_Refused_RecordedAsFailureOfThatUser()
    {
        var (userId, email) = await factory.CreateUserAsync("refusedrefresh");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        var tokens = await flow.LinkAsync();
        await DisconnectAllAsync(userId);

        Assert.Equal("invalid_grant", (await flow.RefreshAsync(tokens.RefreshToken)).Error);

        var check = (await ChecksAsync(userId))[0];
        Assert.Equal((TokenCheckKind.Refresh, false, "invalid_grant"), (check.Kind, check.Succeeded, check.Reason));
    }

    [Fact]
    public async Task Recorder_FailuresThenFifteenInTwoWeeksThenSuccess_FailingThenLikelyDisabledThenHealthy()
    {
        var (userId, _) = await LinkAsync("failing");
        await using var scope = factory.Services.CreateAsyncScope();
        var recorder = scope.ServiceProvider.GetRequiredService<TokenHealthRecorder>();
        var firstFailure = factory.Time.GetUtcNow();

        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, false, TokenFailureReasons.Revoked), Ct);
            factory.Time.Advance(TimeSpan.FromHours(20));
        }
        var failing = await HealthAsync(userId);
        Assert.Equal((TokenHealthState.Failing, 3), (failing.State, failing.FailedChecks));
        Assert.InRange(failing.FirstFailureAt!.Value, firstFailure.AddMilliseconds(-1), firstFailure.AddMilliseconds(1));

        for (var i = 3; i < 15; i++)
        {
            await recorder.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, false, TokenFailureReasons.Revoked), Ct);
            factory.Time.Advance(TimeSpan.FromHours(20)); // 15 checks over 11.7 days
        }
        Assert.Equal((TokenHealthState.LikelyDisabled, 15), ((await HealthAsync(userId)).State, (await HealthAsync(userId)).FailedChecks));

        await recorder.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, true), Ct);
        var healthy = await HealthAsync(userId);
        Assert.Equal((TokenHealthState.Healthy, 0, null), (healthy.State, healthy.FailedChecks, healthy.FirstFailureAt));
    }

    [Fact]
    public async Task Job_EventsAndRevocationsMadeBehindTheRecordersBack_Recomputed()
    {
        var (failingUser, _) = await LinkAsync("jobfailing");
        var (revokedUser, _) = await LinkAsync("jobrevoked");
        await using var scope = factory.Services.CreateAsyncScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Add(new TokenCheck { UserId = failingUser, At = factory.Time.GetUtcNow(), Kind = TokenCheckKind.UserInfo, Reason = TokenFailureReasons.Revoked });
            await db.SaveChangesAsync(Ct);
        }
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(revokedUser, Ct))
        {
            await authorizations.TryRevokeAsync(authorization, Ct);
        }

        await scope.ServiceProvider.GetRequiredService<TokenHealthJob>().RunAsync(Ct);

        var service = scope.ServiceProvider.GetRequiredService<TokenHealthService>();
        Assert.Equal((TokenHealthState.Failing, 1), ((await HealthAsync(failingUser)).State, (await HealthAsync(failingUser)).FailedChecks));
        Assert.Equal(TokenHealthState.Disconnected, (await HealthAsync(revokedUser)).State);
        Assert.Contains(await service.AtRiskAsync(Ct), v => v.UserId == failingUser && v.Email != null);
    }

    /// <summary>A linked user with real tokens, minted the way test/setup does (same authorization as the browser flow).</summary>
    private async Task<(string UserId, IssuedTokens Tokens)> LinkAsync(string prefix)
    {
        var (userId, _) = await factory.CreateUserAsync(prefix);
        await using var scope = factory.Services.CreateAsyncScope();
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        return (userId, await scope.ServiceProvider.GetRequiredService<IAccessTokenIssuer>().IssueAsync(userId, request, Ct));
    }

    private async Task DisconnectAllAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var connections = scope.ServiceProvider.GetRequiredService<ConnectionsService>();
        foreach (var connection in await connections.ListAsync(userId, Ct))
        {
            Assert.True(await connections.DisconnectAsync(userId, connection.AuthorizationId, Ct));
        }
    }

    /// <summary>Stored times keep a tenth of a millisecond (DateTimeOffsetToBinaryConverter).</summary>
    private static bool Near(DateTimeOffset? stored, DateTimeOffset expected) =>
        stored is { } at && Math.Abs((at - expected).TotalMilliseconds) < 1;

    private async Task<TokenHealthView> HealthAsync(string userId) =>
        await HealthOrNoneAsync(userId) ?? throw new InvalidOperationException($"No token health for {userId}.");

    private async Task<TokenHealthView?> HealthOrNoneAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenHealthService>().GetAsync(userId, Ct);
    }

    private async Task<IReadOnlyList<TokenCheck>> ChecksAsync(string? userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenHealthService>().RecentChecksAsync(userId, ct: Ct);
    }
}
