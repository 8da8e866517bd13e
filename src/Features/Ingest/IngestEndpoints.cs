using AdminPortal.Shared;
using System.Text.Json;
using AdminPortal.Features.Ifttt.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Ingest;

/// <summary><c>POST /api/v1/events</c>: the company's product reports events onto users' timelines.</summary>
public static class IngestEndpoints
{
    public const string Path = RoutePrefixes.Api + "/v1/events";
    private const int MaxErrorsReported = 50;

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IngestAsync)
            .AddEndpointFilter<IngestApiKeyFilter>()
            .WithName("IngestEvents")
            .WithTags("Ingest")
            .WithSummary("Store one event or an array of up to 1000 events (all or nothing).")
            .WithDescription("Authenticate with the ingest API key in X-Api-Key or Authorization: Bearer. " +
                "Events with a source_id already stored for the same user and trigger are not stored again; their existing id is returned. " +
                "With a product configured, events for product users who have not linked IFTTT are accepted and skipped (counted in skipped_unlinked).")
            .Accepts<IngestEventBody[]>("application/json")
            .Produces<IngestResponse>()
            .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest)
            .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorEnvelope>(StatusCodes.Status408RequestTimeout)
            .Produces<ErrorEnvelope>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorEnvelope>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorEnvelope>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// Single events are neither gated nor queued: only batches are big enough to crowd memory. A body of unknown
    /// length (chunked) counts as a batch.
    /// </summary>
    private const long SmallBody = 64 * 1024;

    public static async Task<Results<JsonHttpResult<IngestResponse>, JsonHttpResult<ErrorEnvelope>>> IngestAsync(
        HttpContext http, IngestJson reader, IngestService ingest, IngestAdmission admission, IOptionsMonitor<IngestOptions> options,
        ILogger<IngestAdmission> logger)
    {
        var limits = options.CurrentValue;
        var small = http.Request.ContentLength is <= SmallBody;
        using var receiving = small ? null : admission.TryStartReceiving();
        if (!small && receiving is null)
        {
            return Busy(http, $"{limits.MaxConcurrentUploads} batches are being received already; send this one again shortly.");
        }
        using var bytes = await IngestBody.ReceiveAsync(http, limits, logger);
        if (bytes.Error is not null)
        {
            return bytes.Error;
        }
        receiving?.Dispose(); // the body is in: the next sender may start while this one waits to be stored
        if (small)
        {
            return await StoreAsync(http, bytes.Content, reader, ingest, limits);
        }
        using var storing = await admission.EnterStoreAsync(http.RequestAborted);
        if (storing is null)
        {
            return Busy(http, "Other batches are being stored; send this one again shortly.");
        }
        return await StoreAsync(http, bytes.Content, reader, ingest, limits);
    }

    private static JsonHttpResult<ErrorEnvelope> Busy(HttpContext http, string message)
    {
        http.Response.Headers.RetryAfter = "1";
        return IftttResults.Error(StatusCodes.Status503ServiceUnavailable, message);
    }

    private static async Task<Results<JsonHttpResult<IngestResponse>, JsonHttpResult<ErrorEnvelope>>> StoreAsync(
        HttpContext http, ReadOnlyMemory<byte> content, IngestJson reader, IngestService ingest, IngestOptions limits)
    {
        using var body = RequestBody.Parse(content);
        if (body.Error is not null)
        {
            return body.Error;
        }
        var root = body.Document?.RootElement;
        IReadOnlyList<JsonElement> items = root?.ValueKind switch
        {
            JsonValueKind.Array => [.. root.Value.EnumerateArray()],
            JsonValueKind.Object => [root.Value],
            _ => [],
        };
        if (items.Count == 0)
        {
            return IftttResults.BadRequest("The body must be an event object or a non-empty array of events.");
        }
        if (items.Count > limits.MaxBatch)
        {
            return IftttResults.BadRequest($"A batch holds at most {limits.MaxBatch} events; this one has {items.Count}.");
        }

        // Every item is read and checked, so the answer names every problem (by index, in order), not just the first.
        var errors = new List<string>();
        var read = new List<(int Index, NewEvent Event)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.Read(items[i], out var error) is { } e)
            {
                read.Add((i, e));
            }
            else
            {
                errors.Add($"events[{i}]: {error}");
            }
        }
        List<NewEvent> events = [.. read.Select(r => r.Event)];
        var result = errors.Count == 0
            ? await ingest.IngestAsync(events, http.RequestAborted)
            : await ingest.ValidateAsync(events, http.RequestAborted);
        errors.AddRange(result.Items.Select((r, j) => r.Error is null ? null : $"events[{read[j].Index}]: {r.Error}").OfType<string>());
        if (errors.Count > 0)
        {
            return Errors(errors);
        }
        IReadOnlyList<IngestedEvent> data = [.. result.Items.Select(IngestedEvent.From)];
        return TypedResults.Json(new IngestResponse(data, result.SkippedUnlinked), IngestJsonContext.Default.IngestResponse, IftttResults.JsonContentType);
    }

    private static JsonHttpResult<ErrorEnvelope> Errors(List<string> errors)
    {
        var reported = errors.OrderBy(IndexOf).Take(MaxErrorsReported).Select(m => new ErrorItem(m)).ToList();
        return TypedResults.Json(new ErrorEnvelope(reported), IftttJsonContext.Default.ErrorEnvelope, IftttResults.JsonContentType, StatusCodes.Status400BadRequest);
    }

    /// <summary>Orders error messages by the item index they start with (<c>events[12]: …</c>).</summary>
    private static int IndexOf(string message) =>
        int.TryParse(message.AsSpan(7, Math.Max(0, message.IndexOf(']') - 7)), out var index) ? index : int.MaxValue;
}
