namespace AdminPortal.Features.Jobs;

/// <summary><c>Jobs:Schedules</c>: cron expressions of the recurring jobs, by job id.</summary>
public sealed class JobScheduleOptions
{
    public const string Section = "Jobs";

    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string CronFor(string jobId, string fallback) =>
        Schedules.TryGetValue(jobId, out var cron) && !string.IsNullOrWhiteSpace(cron) ? cron : fallback;
}
