using AdminPortal.Data;
using AdminPortal.Features.Alerts;
using AdminPortal.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace AdminPortal.IntegrationTests.Alerts;

/// <summary>
/// The app on a movable clock (starting at the real now, so the development certificates and webhook timestamps are in
/// date), alerts emailed to <see cref="OpsEmail"/> into the .eml outbox, and the recurring jobs run through Hangfire.
/// </summary>
public sealed class AlertApp : IAsyncDisposable
{
    public const string OpsEmail = "ops@test.local";

    /// <param name="directory">An earlier app's data directory: a restart over the same database.</param>
    public AlertApp(Action<Dictionary<string, string?>>? settings = null, string? directory = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        App = directory is null ? new IftttFactory() : IftttFactory.OverDirectory(directory);
        App.Clock = Clock;
        App.Settings["Alerts:Email:To:0"] = OpsEmail;
        // Only the tests run the checks (Trigger): a scheduled run in between would take a scripted answer meant for them.
        App.Settings[$"Jobs:Schedules:{AlertJobs.CheckId}"] = "0 0 1 1 *";
        App.Settings[$"Jobs:Schedules:{AlertJobs.ReconnectId}"] = "0 0 1 1 *";
        settings?.Invoke(App.Settings);
        _ = App.Server;
    }

    public IftttFactory App { get; }
    public FakeTimeProvider Clock { get; }
    public DateTimeOffset Now => Clock.GetUtcNow();
    public string OutboxFolder => Path.Combine(App.DataDirectory, "outbox");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs a recurring job through its registration in Hangfire and waits for the run to finish.</summary>
    public async Task TriggerAsync(string recurringId)
    {
        var before = LastRun(recurringId).JobId;
        App.Services.GetRequiredService<IRecurringJobManager>().Trigger(recurringId);
        var run = await IftttFactory.EventuallyAsync(() => Task.FromResult(LastRun(recurringId)),
            r => r.JobId is not null && r.JobId != before && r.State is "Succeeded" or "Failed", TimeSpan.FromSeconds(60));
        Assert.True(run.JobId != before && run.State == "Succeeded", $"the {recurringId} job did not succeed in time (last: {run.State})");
    }

    public Task CheckAsync() => TriggerAsync(AlertJobs.CheckId);

    /// <summary>The recurring job's latest run as Hangfire records it (its job id, and that job's state now).</summary>
    private (string? JobId, string? State) LastRun(string recurringId)
    {
        var storage = App.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var job = connection.GetRecurringJobs([recurringId]).Single();
        return (job.LastJobId, job.LastJobId is null ? null : connection.GetStateData(job.LastJobId)?.Name);
    }

    public IReadOnlyList<MimeMessage> Outbox(string? to = null) =>
        Directory.Exists(OutboxFolder)
            ? [.. Directory.GetFiles(OutboxFolder, "*.eml").Order().Select(f => MimeMessage.Load(f))
                .Where(m => to is null || m.To.Mailboxes.Any(a => a.Address == to))]
            : [];

    public async Task<List<AlertIncident>> IncidentsAsync(string? rule = null)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<AlertIncident>().AsNoTracking().Where(i => rule == null || i.Rule == rule).OrderBy(i => i.Id).ToListAsync(Ct);
    }

    public async Task AddAsync(params object[] rows)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        db.AddRange(rows);
        await db.SaveChangesAsync(Ct);
    }

    public async Task UpdateAsync<T>(Func<IQueryable<T>, Task> change) where T : class
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        await change(db.Set<T>());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
