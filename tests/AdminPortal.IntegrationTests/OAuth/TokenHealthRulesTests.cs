using AdminPortal.Features.OAuth.Health;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>IFTTT's "15 failed checks across two weeks" rule, on its own.</summary>
public sealed class TokenHealthRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TokenHealthRecord Apply(IEnumerable<TokenCheck> checks, bool connected = true)
    {
        var record = new TokenHealthRecord { UserId = "u" };
        TokenHealthRules.Apply(record, [.. checks], lastCheckAt: null, connected, Start.AddDays(60));
        return record;
    }

    private static IEnumerable<TokenCheck> Failures(int count, TimeSpan every, string reason = TokenFailureReasons.Revoked) =>
        Enumerable.Range(0, count).Select(i => new TokenCheck { At = Start + every * i, Kind = TokenCheckKind.UserInfo, Reason = reason });

    [Fact]
    public void Apply_FifteenFailuresSpreadOverMoreThanTwoWeeks_FailingNotDisabled() =>
        Assert.Equal(TokenHealthState.Failing, Apply(Failures(15, TimeSpan.FromDays(1.1))).State);

    [Fact]
    public void Apply_FifteenFailuresWithinTwoWeeksAfterEarlierOnes_LikelyDisabled() =>
        Assert.Equal(TokenHealthState.LikelyDisabled, Apply(Failures(20, TimeSpan.FromDays(0.9))).State);

    [Fact]
    public void Apply_OnlyExpiredAccessTokens_Healthy() =>
        Assert.Equal(TokenHealthState.Healthy, Apply(Failures(30, TimeSpan.FromHours(1), TokenFailureReasons.Expired)).State);

    [Fact]
    public void Apply_NoValidAuthorization_DisconnectedWhateverTheChecks() =>
        Assert.Equal(TokenHealthState.Disconnected, Apply([], connected: false).State);
}
