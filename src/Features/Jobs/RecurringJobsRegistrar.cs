using AdminPortal.Data;
using AdminPortal.Features.Alerts;
using AdminPortal.Features.Backups;
using AdminPortal.Features.Connectors.Polling;
using AdminPortal.Features.Connectors.Webhooks;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.ProductApi.Calls;
using AdminPortal.Features.Realtime;
using AdminPortal.Features.Sunset;
using System.Linq.Expressions;
using Hangfire;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Jobs;

/// <summary>
/// Every recurring schedule, registered in one place. Ids are stable: Hangfire updates a job with
/// the same id on each start, so changing a cron in configuration takes effect on restart.
/// </summary>
internal sealed class RecurringJobsRegistrar(IOptions<JobScheduleOptions> options, IOptions<BackupOptions> backups) : IStartupTask
{
    public const string OAuthPrune = "oauth-prune";
    public const string TokenHealth = "token-health";
    public const string IftttRequestLogPrune = "ifttt-request-log-prune";
    public const string RealtimeDrain = "realtime-drain";
    public const string RealtimeLogPrune = "realtime-log-prune";
    public const string SunsetUserNoticeCatchUp = "sunset-user-notice-catch-up";
    public const string ProductCallPrune = "product-call-prune";
    public const string ConnectorPoll = "connector-poll";
    public const string WebhookIdPrune = "webhook-id-prune";

    private static readonly string[] Known =
        [OAuthPrune, TokenHealth, IftttRequestLogPrune, RealtimeDrain, RealtimeLogPrune, SunsetUserNoticeCatchUp, ProductCallPrune,
         ConnectorPoll, WebhookIdPrune, AlertJobs.CheckId, AlertJobs.ReconnectId];

    public Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var schedules = options.Value;
        // A misspelt id would otherwise be ignored without a word, and the job keep its default schedule.
        if (schedules.Schedules.Keys.FirstOrDefault(id => !Known.Contains(id, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new StartupConfigurationException($"{JobScheduleOptions.Section}:Schedules:{unknown}",
                $"there is no recurring job '{unknown}'; the jobs are {string.Join(", ", Known)}.");
        }

        // A job whose cron has a key of its own (key) is given that value as fallback; the others read Jobs:Schedules.
        void Add<TJob>(string id, Expression<Func<TJob, Task>> run, string fallback, string? key = null)
        {
            var cron = key is null ? schedules.CronFor(id, fallback) : fallback;
            try
            {
                recurring.AddOrUpdate(id, run, cron);
            }
            catch (ArgumentException e)
            {
                // Hangfire's own parser decides (five fields, or six with seconds first); its reason is in the inner exception.
                throw new StartupConfigurationException(key ?? $"{JobScheduleOptions.Section}:Schedules:{id}",
                    $"'{cron}' is not a valid cron expression: {(e.InnerException ?? e).Message.Split('\n')[0].Trim()}");
            }
        }

        Add<OAuthPruneJob>(OAuthPrune, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        Add<TokenHealthJob>(TokenHealth, job => job.RunAsync(CancellationToken.None), Cron.Hourly(17));
        Add<RequestLogPruneJob>(IftttRequestLogPrune, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));
        Add<RealtimeDrainJob>(RealtimeDrain, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        Add<RealtimeLogPruneJob>(RealtimeLogPrune, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));
        Add<SunsetJobs>(SunsetUserNoticeCatchUp, job => job.CatchUpUserNoticesAsync(CancellationToken.None), Cron.Hourly());
        Add<ProductCallPruneJob>(ProductCallPrune, job => job.RunAsync(CancellationToken.None), "30 4 * * *");
        // Every minute by default: each user is polled only once its own Poll:Interval (or backoff) has passed.
        Add<ConnectorPollJob>(ConnectorPoll, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        Add<ReceivedWebhookPruneJob>(WebhookIdPrune, job => job.RunAsync(CancellationToken.None), Cron.Daily(5));
        Add<AlertJobs>(AlertJobs.CheckId, job => job.CheckAsync(CancellationToken.None), Cron.Minutely());
        Add<AlertJobs>(AlertJobs.ReconnectId, job => job.PromptReconnectsAsync(CancellationToken.None), "*/5 * * * *");
        // Its schedule and switch live with the rest of the backup settings (Backups:Schedule, Backups:Enabled).
        if (backups.Value.Enabled)
        {
            Add<BackupJob>(BackupJob.RecurringId, job => job.RunAsync(CancellationToken.None), backups.Value.Schedule, BackupOptions.ScheduleKey);
        }
        else
        {
            recurring.RemoveIfExists(BackupJob.RecurringId);
        }
        return Task.CompletedTask;
    }
}
