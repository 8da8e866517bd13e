using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Telemetry;

/// <summary>Creates the app's instruments (and so its gauges) at start, and says in the log where telemetry goes.</summary>
internal sealed class TelemetryStartup(AppMetrics metrics, IOptions<TelemetryOptions> options, ILogger<TelemetryStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = metrics.Meter;
        var value = options.Value;
        if (value.ExportsOtlp)
        {
            logger.LogInformation("OpenTelemetry: traces and metrics go to {Endpoint} over {Protocol}", value.Endpoint, value.Protocol);
        }
        else if (!value.Enabled)
        {
            logger.LogDebug("OpenTelemetry: no exporter configured (OpenTelemetry:Endpoint, OpenTelemetry:Prometheus:Enabled)");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
