using System.Text.Json.Serialization;

namespace AdminPortal.Features.Ingest;

/// <summary>
/// One event as the product sends it (documentation and OpenAPI only: the body is read by
/// <see cref="IngestJson"/> so every problem can name its item index).
/// </summary>
/// <param name="User">Our user id, or the user's ExternalId in the product.</param>
/// <param name="Trigger">A declared trigger slug.</param>
/// <param name="Attributes">String attributes that trigger fields match (e.g. which door).</param>
/// <param name="Ingredients">Every declared ingredient of the trigger, by slug.</param>
/// <param name="SourceId">The product's own id for the event: a repeat for the same user and trigger is stored once.</param>
/// <param name="OccurredAt">ISO 8601; defaults to the time of receipt.</param>
public sealed record IngestEventBody(
    string User,
    string Trigger,
    Dictionary<string, string>? Attributes,
    Dictionary<string, string> Ingredients,
    [property: JsonPropertyName("source_id")] string? SourceId,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset? OccurredAt);

/// <summary>
/// An item of the response, in input order: the stored event's id, <c>duplicate</c> when the source id was already
/// stored; or, for a product user who has not linked IFTTT, no id and <c>"skipped": "unlinked"</c>.
/// </summary>
public sealed record IngestedEvent(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    bool Duplicate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Skipped = null)
{
    public static IngestedEvent From(IngestItemResult item) => item.Outcome == IngestOutcome.SkippedUnlinked
        ? new IngestedEvent(null, false, "unlinked")
        : new IngestedEvent(item.EventId!, item.Outcome == IngestOutcome.Duplicate);
}

/// <summary>The ingest answer: one item per event, and how many were skipped for users who have not linked IFTTT.</summary>
public sealed record IngestResponse(
    IReadOnlyList<IngestedEvent> Data,
    [property: JsonPropertyName("skipped_unlinked")] int SkippedUnlinked);
