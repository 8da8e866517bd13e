using AdminPortal.Shared;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Service;
using AdminPortal.Features.Telemetry;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>
/// Outermost filter of the /ifttt/v1 group: sets up <see cref="IftttRequestInfo"/> and queues one log row
/// when the response has completed (status and latency are final then) — and, for a trigger poll, its metrics.
/// </summary>
public sealed class RequestLogFilter(RequestLogWriter writer, DeclaredService service, AppMetrics metrics, TimeProvider clock) : IEndpointFilter
{
    public const string Prefix = RoutePrefixes.IftttV1;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow();
        var info = new IftttRequestInfo
        {
            Realtime = IftttHeaders.IsSet(http.Request, IftttHeaders.Realtime),
            TestMode = IftttHeaders.IsSet(http.Request, IftttHeaders.TestMode),
        };
        http.Features.Set(info);
        http.Response.OnCompleted(() =>
        {
            RecordPoll(http, info, started);
            return writer.EnqueueAsync(Entry(http, info, at, started)).AsTask();
        });

        try
        {
            var result = await next(context);
            var inner = result;
            while (inner is INestedHttpResult nested) // Results<…> wraps the result the handler chose
            {
                inner = nested.Result;
            }
            if (inner is JsonHttpResult<ErrorEnvelope> { Value.Errors: [var first, ..] })
            {
                info.Error = first.Message;
            }
            return result;
        }
        catch (Exception ex)
        {
            info.Error = ex.GetType().Name + ": " + ex.Message;
            throw;
        }
    }

    /// <summary>Every answer of the poll endpoint counts, the bearer filter's 401s included; an undeclared trigger is "unknown".</summary>
    private void RecordPoll(HttpContext http, IftttRequestInfo info, long started)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<PollEndpoint>() is null)
        {
            return;
        }
        var trigger = http.Request.RouteValues["trigger"] is string slug && service.FindTrigger(slug) is { } declared ? declared.Slug : "unknown";
        metrics.Poll(trigger, http.Response.StatusCode, Stopwatch.GetElapsedTime(started), info.Items);
    }

    private static RequestLogEntry Entry(HttpContext http, IftttRequestInfo info, DateTimeOffset at, long started)
    {
        var path = http.Request.Path.Value ?? "";
        var endpoint = path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? path[Prefix.Length..].TrimStart('/') : path;
        string? requestId = http.Request.Headers[IftttHeaders.RequestId];
        return new RequestLogEntry
        {
            At = at,
            RequestId = Truncate(requestId, 100),
            Method = http.Request.Method,
            Endpoint = Truncate(endpoint, 400)!,
            UserId = info.UserId,
            TriggerIdentity = Truncate(info.TriggerIdentity, 200),
            Status = http.Response.StatusCode,
            LatencyMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2),
            Items = info.Items,
            Realtime = info.Realtime,
            TestMode = info.TestMode,
            Error = Truncate(info.Error, 1000),
        };
    }

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
