using AdminPortal.Features.ProductLink;
using AdminPortal.Features.Service;
using AdminPortal.Features.Telemetry;
using Microsoft.Extensions.Options;
using AdminPortal.Features.Timelines;

namespace AdminPortal.Features.Ingest;

/// <summary>
/// The ingest use case, for every caller (the HTTP API, the dashboard, connectors): validate each event against the
/// declared service, resolve its user, and append the batch to the timelines all or nothing — which also fills the
/// realtime outbox in the same transaction (<see cref="EventStore"/>).
/// </summary>
public sealed class IngestService(
    DeclaredService service, UserResolver users, EventStore timelines, IOptions<ProductOptions> product, AppMetrics metrics,
    TimeProvider clock)
{
    // With a product, a user we do not know is a product user who has not linked IFTTT (users are created at their first
    // sign-in through the product), so their events are skipped; without one, it is the caller's mistake.
    private readonly bool _skipUnknownUsers = product.Value.IsConfigured;

    /// <summary>The source-id rule's message (the JSON reader names it too, for a value that is not a string).</summary>
    public const string SourceIdRule = "'source_id' must be a string of 1 to 200 characters.";
    private const int MaxSourceIdLength = 200;

    /// <summary>Stores the events (all or nothing) and answers what became of each.</summary>
    public async Task<IngestResult> IngestAsync(IReadOnlyList<NewEvent> events, CancellationToken ct) =>
        Counted(await RunAsync(events, store: true, ct));

    /// <summary>Checks the events as <see cref="IngestAsync"/> would, storing nothing: valid ones answer <see cref="IngestOutcome.NotStored"/>.</summary>
    public Task<IngestResult> ValidateAsync(IReadOnlyList<NewEvent> events, CancellationToken ct) => RunAsync(events, store: false, ct);

    private async Task<IngestResult> RunAsync(IReadOnlyList<NewEvent> events, bool store, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var results = new IngestItemResult?[events.Count];
        var valid = new (int Index, string UserRef, EventToAppend Event)[events.Count];
        var validCount = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (Validate(events[i], now, out var error) is { } toAppend)
            {
                valid[validCount++] = (i, events[i].User, toAppend);
            }
            else
            {
                results[i] = new IngestItemResult(IngestOutcome.Invalid, Error: error);
            }
        }

        var resolved = await users.ResolveAsync(valid.Take(validCount).Select(v => v.UserRef), ct);
        foreach (var (index, userRef, _) in valid.Take(validCount).Where(v => !resolved.ContainsKey(v.UserRef)))
        {
            results[index] = _skipUnknownUsers
                ? new IngestItemResult(IngestOutcome.SkippedUnlinked)
                : new IngestItemResult(IngestOutcome.Invalid, Error: $"unknown user '{userRef}'.");
        }
        var toStore = valid.Take(validCount).Where(v => results[v.Index] is null).ToList();
        if (!store || results.Any(r => r?.Outcome == IngestOutcome.Invalid))
        {
            foreach (var (index, _, _) in toStore)
            {
                results[index] = new IngestItemResult(IngestOutcome.NotStored);
            }
            return new IngestResult(results!);
        }

        if (toStore.Count == 0)
        {
            return new IngestResult(results!);
        }
        var stored = await timelines.AppendAsync([.. toStore.Select(v => (resolved[v.UserRef], v.Event))], ct);
        for (var i = 0; i < toStore.Count; i++)
        {
            results[toStore[i].Index] = new IngestItemResult(stored[i].Duplicate ? IngestOutcome.Duplicate : IngestOutcome.Stored, stored[i].Id);
        }
        return new IngestResult(results!);
    }

    /// <summary>One counter add per outcome present in the batch (<c>adminportal.ingest.events</c>).</summary>
    private IngestResult Counted(IngestResult result)
    {
        Span<long> counts = stackalloc long[5];
        foreach (var item in result.Items)
        {
            counts[(int)item.Outcome]++;
        }
        metrics.Ingested("stored", counts[(int)IngestOutcome.Stored]);
        metrics.Ingested("duplicate", counts[(int)IngestOutcome.Duplicate]);
        metrics.Ingested("invalid", counts[(int)IngestOutcome.Invalid]);
        metrics.Ingested("not_stored", counts[(int)IngestOutcome.NotStored]);
        metrics.Ingested("skipped", counts[(int)IngestOutcome.SkippedUnlinked]);
        return result;
    }

    /// <summary>The event as the timeline stores it, or the first problem (checked in the order the API documents).</summary>
    private EventToAppend? Validate(NewEvent e, DateTimeOffset now, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(e.User))
        {
            error = "'user' (a user id or external id) is required.";
            return null;
        }
        if (string.IsNullOrEmpty(e.Trigger))
        {
            error = "'trigger' is required.";
            return null;
        }
        if (service.FindTrigger(e.Trigger) is not { } trigger)
        {
            error = $"unknown trigger '{e.Trigger}'.";
            return null;
        }
        if (EventIngredients.Canonical(trigger, e.Ingredients, out error) is not { } ingredients)
        {
            return null;
        }
        if (e.SourceId is { Length: 0 or > MaxSourceIdLength })
        {
            error = SourceIdRule;
            return null;
        }
        var attributes = e.Attributes is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(e.Attributes, StringComparer.Ordinal);
        return new EventToAppend(trigger.Slug, attributes, ingredients, e.SourceId, e.OccurredAt ?? now);
    }
}
