using AdminPortal.Features.Connectors.Polling;

namespace AdminPortal.UnitTests.Features.Connectors;

public sealed class ConnectorBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1800)]   // capped
    [InlineData(60, 1800)]  // no overflow
    public void Decide_NoRetryAfter_DoublesUpToTheCap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ConnectorBackoff.Decide(failures, null, Base, Max));

    [Fact]
    public void Decide_RetryAfterLonger_WaitsForIt() =>
        Assert.Equal(TimeSpan.FromHours(1), ConnectorBackoff.Decide(1, TimeSpan.FromHours(1), Base, Max));

    [Fact]
    public void Decide_RetryAfterShorter_KeepsTheBackoff() =>
        Assert.Equal(TimeSpan.FromSeconds(60), ConnectorBackoff.Decide(2, TimeSpan.FromSeconds(1), Base, Max));
}
