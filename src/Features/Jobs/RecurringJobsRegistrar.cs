using AdminPortal.Data;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.OAuth.Health;
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

    public Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var schedules = options.Value;

        recurring.AddOrUpdate<OAuthPruneJob>(OAuthPrune, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(OAuthPrune, Cron.Daily(3)));
        recurring.AddOrUpdate<TokenHealthJob>(TokenHealth, job => job.RunAsync(CancellationToken.None),
            schedules.CronFor(TokenHealth, Cron.Hourly(17)));
        return Task.CompletedTask;
    }
}
