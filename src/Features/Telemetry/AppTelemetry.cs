using System.Diagnostics;

namespace AdminPortal.Features.Telemetry;

/// <summary>The names the app's own signals go by: one meter, one activity source.</summary>
public static class AppTelemetry
{
    /// <summary>The meter of every <c>adminportal.*</c> instrument (<see cref="AppMetrics"/>).</summary>
    public const string MeterName = "AdminPortal";

    public const string ActivitySourceName = "AdminPortal";

    /// <summary>
    /// The app's spans (an action run, a realtime batch, a connector poll); a span starts only when a tracer listens,
    /// so with telemetry off <c>StartActivity</c> returns null and costs a check.
    /// </summary>
    public static readonly ActivitySource Source = new(ActivitySourceName);
}
