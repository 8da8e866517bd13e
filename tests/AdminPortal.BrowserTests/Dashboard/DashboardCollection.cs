namespace AdminPortal.BrowserTests.Dashboard;

/// <summary>
/// The dashboard walk-through runs alone, after the other browser tests: on a 2-core machine it competes with the
/// sunset test's Hangfire job for CPU and made that test's outbox wait time out.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardCollection
{
    public const string Name = "Dashboard (serial)";
}
