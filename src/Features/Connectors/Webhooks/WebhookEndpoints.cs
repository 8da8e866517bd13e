using System.Text;
using System.Text.Json;
using AdminPortal.Features.Connectors.Sources;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Service;
using AdminPortal.Features.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Connectors.Webhooks;

/// <summary>What a delivery did. <see cref="Unlinked"/> events belong to product users who never linked: accepted, not stored.</summary>
public sealed record WebhookReceipt(int Items, int Stored, int Duplicates, int Ignored, int Unlinked, bool Replay);

/// <summary>
/// <c>POST /api/v1/webhooks/{source}</c>: the product's own webhook payloads, verified and mapped with the trigger's
/// declared <c>Source</c>. Errors in the ingest API's shape (<c>{"errors":[{"message"}]}</c>); nothing is stored
/// unless the delivery is authentic and every item maps.
/// </summary>
public static class WebhookEndpoints
{
    public const string Path = "/api/v1/webhooks/{source}";
    private const int MaxBodyBytes = 1024 * 1024;
    private const int MaxErrorsReported = 50;

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync)
            .WithName("ReceiveWebhook")
            .WithTags("Connectors")
            .WithSummary("Receive the product's own webhook (Standard Webhooks signature or a shared-secret header).")
            .Produces<DataEnvelope<WebhookReceipt>>()
            .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest)
            .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<JsonHttpResult<DataEnvelope<WebhookReceipt>>, JsonHttpResult<ErrorEnvelope>>> ReceiveAsync(
        string source, HttpContext http, ConnectorSources sources, DeclaredService service, ConnectorIngest ingest,
        ReceivedWebhookStore received, TimeProvider clock, ILogger<WebhookReceipt> log)
    {
        if (!sources.Webhooks.TryGetValue(source, out var triggers))
        {
            return IftttResults.NotFound($"No webhook source named '{source}' is declared.");
        }
        var webhook = triggers[0].Webhook!;
        var ct = http.RequestAborted;
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return IftttResults.Error(StatusCodes.Status413PayloadTooLarge, $"A webhook body holds at most {MaxBodyBytes} bytes.");
        }
        var body = await ReadAsync(http.Request, ct);
        if (body is null)
        {
            return IftttResults.Error(StatusCodes.Status413PayloadTooLarge, $"A webhook body holds at most {MaxBodyBytes} bytes.");
        }

        var now = clock.GetUtcNow();
        var check = WebhookVerifier.Check(webhook, http.Request.Headers, body, now);
        if (!check.Valid)
        {
            log.LogWarning("Webhook {Source} refused: {Problem}", source, check.Problem);
            return IftttResults.Unauthorized(check.Problem!);
        }
        if (check.MessageId is { } replayed && await received.SeenAsync(source, replayed, ct))
        {
            return Data(new WebhookReceipt(0, 0, 0, 0, 0, Replay: true));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return IftttResults.BadRequest("The body is not valid JSON.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (ItemMapper.Items(root, webhook.Items) is not { } items)
            {
                return IftttResults.BadRequest($"The payload has no object or array at {webhook.Items?.ToString() ?? "its root"}.");
            }
            var productUser = ResponseReaderText(root, webhook);
            var (events, errors, ignored) = Map([.. triggers.Where(t => ItemMapper.Passes(t.Webhook!.Filter, root))], service, items, productUser ?? "");
            if (events.Count > 0 && productUser is null)
            {
                errors.Insert(0, $"The payload has no user id at {webhook.User}.");
            }
            if (errors.Count > 0)
            {
                return Errors(errors);
            }

            var users = productUser is null ? new Dictionary<string, string>() : await ingest.ResolveProductUsersAsync([productUser], ct);
            var stored = 0;
            var duplicates = 0;
            var unlinked = 0;
            if (productUser is not null && users.TryGetValue(productUser, out var userId))
            {
                var (added, repeated, refused) = await ingest.StoreAsync([.. events.Select(e => (e.Index, e.Event with { User = userId }))], ct);
                if (refused.Count > 0)
                {
                    return Errors(refused);
                }
                (stored, duplicates) = (added, repeated);
            }
            else
            {
                // A product user who never linked AdminPortal: nobody's Applet can use the event, and the product must not retry it.
                unlinked = events.Count;
            }
            if (check.MessageId is { } id)
            {
                await received.RecordAsync(source, id, now, ct);
            }
            return Data(new WebhookReceipt(items.Count, stored, duplicates, ignored, unlinked, Replay: false));
        }
    }

    /// <summary>
    /// Each item goes to every trigger of this webhook whose filter the payload passes (a webhook's filter reads the
    /// envelope, where Standard Webhooks payloads carry <c>type</c>); with none left, the items are ignored.
    /// </summary>
    private static (List<(int Index, NewEvent Event)> Events, List<string> Errors, int Ignored) Map(
        IReadOnlyList<TriggerSource> triggers, DeclaredService service, IReadOnlyList<JsonElement> items, string user)
    {
        var events = new List<(int, NewEvent)>();
        var errors = new List<string>();
        var ignored = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var taken = false;
            foreach (var trigger in triggers)
            {
                var definition = service.FindTrigger(trigger.Trigger)!;
                var mapped = ItemMapper.Map(definition, trigger.Map, ItemFilter.All, items[i], i, user);
                if (mapped.Filtered)
                {
                    continue;
                }
                taken = true;
                if (mapped.Error is not null)
                {
                    errors.Add(triggers.Count > 1 ? $"{mapped.Error} (trigger {trigger.Trigger})" : mapped.Error);
                }
                else
                {
                    events.Add((i, mapped.Event!));
                }
            }
            ignored += taken ? 0 : 1;
        }
        return (events, errors, ignored);
    }

    private static string? ResponseReaderText(JsonElement root, WebhookSource webhook) =>
        ProductApi.Requests.ResponseReader.Text(root, webhook.User) is { Length: > 0 } user ? user : null;

    private static async Task<string?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        // The signature covers the exact bytes: read them as sent, bounded.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static JsonHttpResult<ErrorEnvelope> Errors(IEnumerable<string> errors) =>
        TypedResults.Json(new ErrorEnvelope([.. errors.Take(MaxErrorsReported).Select(m => new ErrorItem(m))]),
            IftttJsonContext.Default.ErrorEnvelope, IftttResults.JsonContentType, StatusCodes.Status400BadRequest);

    private static JsonHttpResult<DataEnvelope<WebhookReceipt>> Data(WebhookReceipt receipt) =>
        TypedResults.Json(new DataEnvelope<WebhookReceipt>(receipt), ConnectorJsonContext.Default.DataEnvelopeWebhookReceipt, IftttResults.JsonContentType);
}
