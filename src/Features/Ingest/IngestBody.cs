using AdminPortal.Features.Ifttt.Protocol;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace AdminPortal.Features.Ingest;

/// <summary>
/// Receives an ingest body under a deadline and a minimum rate. A sender too slow for either gets 408 in the errors
/// shape; one that goes away is one log line. Neither is our error: no stack trace, no 500.
/// </summary>
internal static class IngestBody
{
    public static async Task<BodyBytes> ReceiveAsync(HttpContext http, IngestOptions limits, ILogger logger)
    {
        SetMinimumRate(http, limits.MinBodyBytesPerSecond);
        try
        {
            var bytes = await RequestBody.ReadBytesAsync(http.Request, limits.MaxBodyBytes, http.RequestAborted, limits.BodyReadTimeout);
            var remote = http.Connection.RemoteIpAddress;
            switch (bytes.Outcome)
            {
                case BodyOutcome.TooSlow:
                    logger.LogWarning("Ingest body from {Remote} arrived slower than {Rate} bytes/s: answered 408", remote, limits.MinBodyBytesPerSecond);
                    break;
                case BodyOutcome.Deadline:
                    logger.LogWarning("Ingest body from {Remote} not received within {Timeout}: answered 408", remote, limits.BodyReadTimeout);
                    // The rest of the body is not worth waiting for: close after answering.
                    http.Response.Headers.Connection = "close";
                    break;
                case BodyOutcome.EndedEarly:
                    logger.LogInformation("Ingest request from {Remote} abandoned by the client: its body ended before its Content-Length", remote);
                    break;
            }
            return bytes;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            logger.LogInformation("Ingest request from {Remote} abandoned by the client before its body arrived", http.Connection.RemoteIpAddress);
            // Nobody reads this answer; it only ends the request without an exception.
            return new BodyBytes(null, IftttResults.BadRequest("The client closed the request."), BodyOutcome.EndedEarly);
        }
    }

    /// <summary>Kestrel's per-request minimum body rate (absent on other servers).</summary>
    private static void SetMinimumRate(HttpContext http, int bytesPerSecond)
    {
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            try
            {
                rate.MinDataRate = new MinDataRate(bytesPerSecond, TimeSpan.FromSeconds(5));
            }
            catch (NotSupportedException)
            {
                // Not every protocol path lets a request change it; the deadline still bounds those.
            }
        }
    }
}
