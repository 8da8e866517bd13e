using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>
/// IFTTT's parallel refreshes of one token spread over two instances behind a load balancer (decision 0028): the
/// database lock on the token id makes them take turns across instances, so they all get one successor.
/// </summary>
public sealed class RefreshAcrossInstancesTests
{
    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = TwoInstances.OnlyOnPostgres)]
    public async Task Refresh_InParallelOnTwoInstances_AllAnsweredWithOneSuccessor()
    {
        await using var instances = TwoInstances.Over(OAuthFactory.OverDirectory);
        var (a, b) = instances;
        // Both warmed up on the refresh path first, so neither instance's requests all finish before the other's start.
        foreach (var app in new[] { a, b })
        {
            var (flow, _, tokens) = await OAuthFlow.LinkNewUserAsync(app, "warm-up");
            (await flow.RefreshAsync(tokens.RefreshToken)).AssertOk();
        }
        var (onA, userId, linked) = await OAuthFlow.LinkNewUserAsync(a, "across");
        var onB = new OAuthFlow(b);

        var responses = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => (i % 2 == 0 ? onA : onB).RefreshAsync(linked.RefreshToken))));

        Assert.All(responses, r => r.AssertOk());
        var successor = Assert.Single(responses.Select(r => r.RefreshToken).Distinct());
        Assert.Equal(1, await RefreshTokenReuseTests.LiveRefreshTokensAsync(a, userId));
        // The chain goes on from the one successor on either instance.
        Assert.NotEqual(successor, (await onB.RefreshAsync(successor)).AssertOk().RefreshToken);
        Assert.Equal(1, await RefreshTokenReuseTests.LiveRefreshTokensAsync(b, userId));
    }
}
