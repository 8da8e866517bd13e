using AdminPortal.Data;
using AdminPortal.Features.Connectors.Polling;
using AdminPortal.Features.Connectors.Webhooks;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.ProductApi.Calls;
using AdminPortal.Features.Realtime;
using AdminPortal.Features.Sunset;
using Hangfire;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Jobs;

/// <summary>
/// Every recurring schedule, registered in one place. Ids are stable: Hangfire updates a job with
/// the same id on each start, so changing a cron in configuration takes effect on restart.
/// </summary>
internal sealed class RecurringJobsRegistrar(IOptions<JobScheduleOptions> options) : IStartupTask
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

    public Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var schedules = options.Value;

        recurring.AddOrUpdate<OAuthPruneJob>(OAuthPrune, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(OAuthPrune, Cron.Daily(3)));
        recurring.AddOrUpdate<TokenHealthJob>(TokenHealth, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(TokenHealth, Cron.Hourly(17)));
        recurring.AddOrUpdate<RequestLogPruneJob>(IftttRequestLogPrune, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(IftttRequestLogPrune, Cron.Daily(4)));
        recurring.AddOrUpdate<RealtimeDrainJob>(RealtimeDrain, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(RealtimeDrain, Cron.Minutely()));
        recurring.AddOrUpdate<RealtimeLogPruneJob>(RealtimeLogPrune, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(RealtimeLogPrune, Cron.Daily(4)));
        recurring.AddOrUpdate<SunsetJobs>(SunsetUserNoticeCatchUp, job => job.CatchUpUserNoticesAsync(CancellationToken.None),
            schedules.CronFor(SunsetUserNoticeCatchUp, Cron.Hourly()));
        recurring.AddOrUpdate<ProductCallPruneJob>(ProductCallPrune, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(ProductCallPrune, "30 4 * * *"));
        // Every minute by default: each user is polled only once its own Poll:Interval (or backoff) has passed.
        recurring.AddOrUpdate<ConnectorPollJob>(ConnectorPoll, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(ConnectorPoll, Cron.Minutely()));
        recurring.AddOrUpdate<ReceivedWebhookPruneJob>(WebhookIdPrune, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(WebhookIdPrune, Cron.Daily(5)));
        return Task.CompletedTask;
    }
}
