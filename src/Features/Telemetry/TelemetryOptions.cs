using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AdminPortal.Features.Telemetry;

/// <summary>
/// <c>OpenTelemetry</c>: where metrics and traces go. Nothing is set by default, and then no exporter runs: the app's
/// instruments still exist but nobody listens, so recording costs next to nothing (decision 0022).
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>An OpenTelemetry collector's OTLP base URL (e.g. <c>http://127.0.0.1:4318</c>); set: traces and metrics are exported.</summary>
    [Url]
    public string? Endpoint { get; set; }

    /// <summary><c>HttpProtobuf</c> (the collector's port 4318) or <c>Grpc</c> (port 4317).</summary>
    [AllowedValues("HttpProtobuf", "Grpc")]
    public string Protocol { get; set; } = "HttpProtobuf";

    /// <summary>The <c>service.name</c> resource attribute every signal carries.</summary>
    [Required, MaxLength(100)]
    public string ServiceName { get; set; } = "adminportal";

    /// <summary>
    /// The share of new traces kept (a request that arrives with a sampled <c>traceparent</c> is always kept): 1 traces
    /// every request; a busy install lowers it.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>How often metrics are pushed over OTLP.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How old a gauge's database reading (realtime queue, token health) may be before the next observation reads again:
    /// a scrape never costs a query of its own.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan GaugeRefresh { get; set; } = TimeSpan.FromSeconds(30);

    public PrometheusOptions Prometheus { get; set; } = new();

    public bool ExportsOtlp => Uri.TryCreate(Endpoint, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>Whether any exporter runs, i.e. whether the OpenTelemetry SDK is wired in at all.</summary>
    public bool Enabled => ExportsOtlp || Prometheus.Enabled;
}

/// <summary>
/// <c>OpenTelemetry:Prometheus</c>: a scrape endpoint on its own listener (address and port), apart from the app's own
/// port — only the metrics are served there, and the proxy that fronts the app never exposes it.
/// </summary>
public sealed class PrometheusOptions
{
    public bool Enabled { get; set; }

    /// <summary>The address the scrape listener binds; loopback unless Prometheus runs on another machine.</summary>
    [IpAddress]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The scrape port (9464 is the OpenTelemetry exporter's registered one); 0 takes a free port (tests), logged at start.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9464;

    [RegularExpression("^/[A-Za-z0-9/_.-]*$", ErrorMessage = "must be a path starting with /")]
    public string Path { get; set; } = "/metrics";
}

/// <summary>An IP address such as 127.0.0.1 or ::.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IpAddressAttribute() : ValidationAttribute("must be an IP address such as 127.0.0.1 or 0.0.0.0")
{
    public override bool IsValid(object? value) => value is string text && IPAddress.TryParse(text, out _);
}
