using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminPortal.Features.Health;

public static class HealthExtensions
{
    public const string Path = "/healthz";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobStorageHealthCheck>("job_storage");
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteJsonAsync,
        }).DisableHttpMetrics();
        return app;
    }

    /// <summary>Names every check, so a monitor (or a person) sees which dependency failed.</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
