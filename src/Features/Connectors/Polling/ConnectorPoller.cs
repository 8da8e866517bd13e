using System.Text.Json;
using AdminPortal.Features.Connectors.Sources;
using AdminPortal.Features.Service;
using AdminPortal.Features.ProductApi.Requests;
using AdminPortal.Features.Telemetry;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Connectors.Polling;

/// <summary>What one poll of one user did.</summary>
public sealed record PollResult(string UserId, string Trigger, int Fetched, int Stored, string? Error);

/// <summary>
/// Polls the product for one user and trigger: page by page from the stored cursor, each page's events stored
/// (with dedup by source id) <em>before</em> the cursor moves past them — a crash in between re-fetches the page
/// next time and stores nothing twice. Failures are recorded on the user's cursor row with a backoff.
/// </summary>
public sealed class ConnectorPoller(
    ProductClient product,
    TemplateModel templates,
    ConnectorIngest ingest,
    CursorStore cursors,
    DeclaredService service,
    IOptions<ConnectorOptions> options,
    TimeProvider clock,
    ILogger<ConnectorPoller> log)
{
    public async Task<PollResult> PollAsync(TriggerSource source, string userId, CancellationToken ct)
    {
        var poll = source.Poll!;
        var trigger = service.FindTrigger(source.Trigger)!;
        // A root span per user poll (background work has no request to hang under): the product calls and the ingest beneath.
        using var activity = AppTelemetry.Source.StartActivity("connector.poll");
        activity?.SetTag("adminportal.trigger", source.Trigger);
        var cursor = await cursors.GetAsync(userId, source.Trigger, ct);
        var started = clock.GetUtcNow();
        cursor.LastRunAt = started;
        var fetched = 0;
        var stored = 0;
        try
        {
            var model = await templates.ForUserAsync(userId, ct);
            for (var page = 0; page < poll.MaxPages; page++)
            {
                model["cursor"] = cursor.Cursor ?? "";
                var response = await product.SendAsync(poll.Request, model, new ProductCallContext($"poll {source.Trigger}", userId, null), ct);
                if (!response.IsSuccess)
                {
                    return await FailAsync(cursor, fetched, stored, response.Outcome == ProductCallOutcome.LinkBroken
                        ? $"Product link broken: {response.Message}"
                        : response.Message, backoff: response.Outcome != ProductCallOutcome.LinkBroken, response.RetryAfter, ct, poll.Interval);
                }
                if (ItemMapper.Items(response.Body, poll.Items) is not { } items)
                {
                    return await FailAsync(cursor, fetched, stored, $"The product's answer has no array at {poll.Items}.", backoff: true, null, ct, poll.Interval);
                }
                fetched += items.Count;
                var mapped = items.Select((item, i) => ItemMapper.Map(trigger, source.Map, poll.Filter, item, i, userId)).ToList();
                if (mapped.FirstOrDefault(m => m.Error is not null) is { } bad)
                {
                    // The cursor stays before the bad item: nothing is lost while the declaration is fixed.
                    return await FailAsync(cursor, fetched, stored, bad.Error!, backoff: true, null, ct, poll.Interval);
                }
                var events = mapped.Where(m => m.Event is not null).Select(m => (m.Index, m.Event!)).ToList();
                var (added, _, refused) = await ingest.StoreAsync(events, ct);
                if (refused.Count > 0)
                {
                    return await FailAsync(cursor, fetched, stored, refused[0], backoff: true, null, ct, poll.Interval);
                }
                stored += added;

                var next = ResponseReader.Text(response.Body, poll.NextCursor)
                    ?? (items.Count > 0 ? ItemMapper.Read(source.Map.SourceId, items[^1]) : null)
                    ?? cursor.Cursor;
                var moved = next != cursor.Cursor;
                cursor.Cursor = next;
                cursor.LastItems = fetched;
                cursor.TotalItems += items.Count;
                await cursors.SaveAsync(cursor, ct); // only now: the page's events are committed
                if (items.Count == 0 || !moved)
                {
                    break;
                }
            }
            cursor.LastSuccessAt = clock.GetUtcNow();
            cursor.Failures = 0;
            cursor.NextRunAt = started + poll.Interval;
            await cursors.SaveAsync(cursor, ct);
            return new PollResult(userId, source.Trigger, fetched, stored, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "Polling {Trigger} for user {UserId} failed", source.Trigger, userId);
            return await FailAsync(cursor, fetched, stored, $"Polling failed: {ex.Message}", backoff: true, null, CancellationToken.None, poll.Interval);
        }
    }

    private async Task<PollResult> FailAsync(ConnectorCursor cursor, int fetched, int stored, string error, bool backoff, TimeSpan? retryAfter, CancellationToken ct, TimeSpan interval)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        cursor.LastError = error.Length > 1000 ? error[..1000] : error;
        cursor.LastErrorAt = now;
        cursor.LastItems = fetched;
        if (backoff)
        {
            cursor.Failures++;
            cursor.NextRunAt = now + ConnectorBackoff.Decide(cursor.Failures, retryAfter, settings.BackoffBase, settings.BackoffMax);
        }
        else
        {
            // A broken link is the product-link feature's state to show and the user's to repair; check again next interval.
            cursor.NextRunAt = now + interval;
        }
        try
        {
            await cursors.SaveAsync(cursor, ct);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Recording the polling error of user {UserId} failed", cursor.UserId);
        }
        return new PollResult(cursor.UserId, cursor.Trigger, fetched, stored, cursor.LastError);
    }
}
