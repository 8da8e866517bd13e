using System.Collections.Concurrent;
using AdminPortal.Data;
using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Foundation;

/// <summary>
/// Two instances with Hangfire on the shared PostgreSQL database, both running a job server (decision 0028): a recurring
/// job fires once per occurrence, not once per instance — Hangfire.PostgreSql's distributed lock on the recurring
/// scheduler decides which instance enqueues it, and one worker, on either instance, runs it.
/// </summary>
public sealed class RecurringJobAcrossInstancesTests
{
    private const string JobId = "two-instances-every-second";
    private static readonly ConcurrentQueue<(string Instance, string? Occurrence)> Fired = new();

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = TwoInstances.OnlyOnPostgres)]
    public async Task RecurringJob_TwoInstancesRunningJobs_FiresOncePerOccurrence()
    {
        await using var instances = TwoInstances.Over(directory =>
        {
            var app = AdminPortalFactory.OverDirectory(directory);
            // Unset, as in the shipped appsettings.json: Hangfire follows the app onto PostgreSQL (the factory's in-memory
            // default would give each instance jobs of its own).
            app.Settings[JobStorageSetup.StorageKey] = null;
            return app;
        });
        var (a, b) = instances;
        _ = a.Server;
        _ = b.Server;

        a.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<FiredJob>(JobId, job => job.Run(null!), "* * * * * *");
        await Task.Delay(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
        a.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(JobId);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // runs already enqueued finish

        var runs = Fired.ToList();
        Assert.True(runs.Count >= 3, $"expected a run about every second, got {runs.Count}");
        Assert.All(runs, run => Assert.NotNull(run.Occurrence));
        Assert.Equal(runs.Count, runs.Select(run => run.Occurrence).Distinct().Count());
        var owners = new[] { a, b }.Select(app => app.Services.GetRequiredService<RealtimeDrainer>().Owner).ToList();
        Assert.All(runs, run => Assert.Contains(run.Instance, owners));
    }

    /// <summary>Records which instance ran which occurrence (Hangfire's "Time" parameter on a recurring job's run).</summary>
    public sealed class FiredJob(RealtimeDrainer instance)
    {
        public void Run(PerformContext context) =>
            Fired.Enqueue((instance.Owner, context.GetJobParameter<string>("Time", allowStale: true)));
    }
}
