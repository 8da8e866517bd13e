using AdminPortal.Features.Telemetry;
using Hangfire.Server;

namespace AdminPortal.Features.Jobs;

/// <summary>
/// A Hangfire server filter: every run that throws counts in <c>adminportal.jobs.failures</c>, tagged with the job's
/// method (<c>RealtimeDrainJob.RunAsync</c>) — retries included, since each is a failure someone may need to see.
/// </summary>
internal sealed class JobFailureMetrics(AppMetrics metrics) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Exception is not null && !context.ExceptionHandled && context.Exception is not JobAbortedException)
        {
            var job = context.BackgroundJob.Job;
            metrics.JobFailed($"{job.Type.Name}.{job.Method.Name}");
        }
    }
}
