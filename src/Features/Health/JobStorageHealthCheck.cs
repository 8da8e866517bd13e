using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminPortal.Features.Health;

internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(servers > 0
                ? HealthCheckResult.Healthy($"{servers} job server(s)")
                : HealthCheckResult.Degraded("Job storage answers but no job server is running."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage cannot be read: " + ex.Message));
        }
    }
}
