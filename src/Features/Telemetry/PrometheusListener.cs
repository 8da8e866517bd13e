using System.Net;
using AdminPortal.Data;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace AdminPortal.Features.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint on a Kestrel listener of its own (<c>OpenTelemetry:Prometheus:Address</c>/<c>Port</c>):
/// it serves the metrics and nothing else, and the app's own port never serves them — so no credential is needed,
/// and where it can be reached is decided by the bind address and the firewall, not by the app's sign-in (decision 0022).
/// </summary>
public sealed class PrometheusListener(MeterProvider meterProvider, IOptions<TelemetryOptions> options, ILoggerFactory loggers)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _server;

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:9464/metrics</c>; null before start.</summary>
    public Uri? ScrapeUrl { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var prometheus = options.Value.Prometheus;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers); // the app's logging; an instance the small host does not dispose
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(prometheus.Address), prometheus.Port));
        _server = builder.Build();
        _server.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, http => http.Request.Path == prometheus.Path,
            path: null, configureBranchedPipeline: null, optionsName: null);
        _server.Run(http =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        try
        {
            await _server.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            throw new StartupConfigurationException("OpenTelemetry:Prometheus:Port",
                $"{prometheus.Address}:{prometheus.Port} is already in use — choose another port for the metrics listener.");
        }

        ScrapeUrl = new Uri(new Uri(_server.Urls.First()), prometheus.Path); // the bound port, when 0 asked for any
        loggers.CreateLogger<PrometheusListener>().LogInformation("Prometheus metrics at {ScrapeUrl}", ScrapeUrl);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
