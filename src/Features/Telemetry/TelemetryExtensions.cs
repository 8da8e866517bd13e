using AdminPortal.Shared;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AdminPortal.Features.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// The app's meter always (its instruments are near free with no listener); the OpenTelemetry SDK only when an
    /// exporter is configured: OTLP (<c>OpenTelemetry:Endpoint</c>, metrics and traces) and/or the Prometheus listener
    /// (metrics). With neither, nothing listens and nothing is collected.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .ValidateKeysOnStart(TelemetryOptions.Section);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<AppMetrics>();
        builder.Services.AddHostedService<TelemetryStartup>();

        // The wiring depends on the values, so they are read now; a bad one is reported by the validation at start.
        var options = new TelemetryOptions();
        builder.Configuration.GetSection(TelemetryOptions.Section).Bind(options, binder => binder.ErrorOnUnknownConfiguration = false);
        if (!options.Enabled)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(options.ServiceName));
        otel.WithMetrics(metrics => metrics
            .AddMeter(AppTelemetry.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation());
        if (options.Prometheus.Enabled)
        {
            otel.WithMetrics(metrics => metrics.AddPrometheusExporter());
            builder.Services.AddSingleton<PrometheusListener>();
            builder.Services.AddHostedService(services => services.GetRequiredService<PrometheusListener>());
        }
        if (options.ExportsOtlp)
        {
            AddOtlp(otel, options);
        }
        return builder;
    }

    /// <summary>Traces (ASP.NET Core → the app's spans → HttpClient and EF Core beneath) and metrics, pushed to the collector.</summary>
    private static void AddOtlp(OpenTelemetry.OpenTelemetryBuilder otel, TelemetryOptions options)
    {
        var protocol = options.Protocol == "Grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var baseUrl = options.Endpoint!.TrimEnd('/');
        // Over HTTP each signal has its own path below the base URL; gRPC takes the base URL itself.
        Uri For(string signal) => new(protocol == OtlpExportProtocol.Grpc ? baseUrl : $"{baseUrl}/v1/{signal}");

        otel.WithTracing(tracing => tracing
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
            .AddSource(AppTelemetry.ActivitySourceName)
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !http.Request.Path.StartsWithSegments("/_blazor"))
            .AddHttpClientInstrumentation()
            .AddEntityFrameworkCoreInstrumentation()
            .AddOtlpExporter(otlp => (otlp.Protocol, otlp.Endpoint) = (protocol, For("traces"))));
        otel.WithMetrics(metrics => metrics.AddOtlpExporter((otlp, reader) =>
        {
            (otlp.Protocol, otlp.Endpoint) = (protocol, For("metrics"));
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.ExportInterval.TotalMilliseconds;
        }));
    }
}
