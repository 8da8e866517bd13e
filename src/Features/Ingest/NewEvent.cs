namespace AdminPortal.Features.Ingest;

/// <summary>
/// One event reported by the product, typed: what the ingest API's JSON item, the dashboard's "Add test event" form,
/// a polling connector and a webhook receiver all hand to <see cref="IngestService"/>.
/// </summary>
/// <param name="User">Our user id, or the user's <c>ExternalId</c> (the product's subject).</param>
/// <param name="Trigger">A declared trigger slug.</param>
/// <param name="Attributes">String attributes that trigger fields match (e.g. which door); null = none.</param>
/// <param name="Ingredients">Every declared ingredient of the trigger, by slug; undeclared ones are ignored.</param>
/// <param name="SourceId">The product's own id for the event: a repeat for the same user and trigger is stored once.</param>
/// <param name="OccurredAt">When it happened; null = the time of receipt.</param>
public sealed record NewEvent(
    string User,
    string Trigger,
    IReadOnlyDictionary<string, string>? Attributes,
    IReadOnlyDictionary<string, string>? Ingredients,
    string? SourceId = null,
    DateTimeOffset? OccurredAt = null);

/// <summary>What became of one event, in input order.</summary>
public enum IngestOutcome
{
    /// <summary>Stored now; <see cref="IngestItemResult.EventId"/> is its new id.</summary>
    Stored,

    /// <summary>Its source id was already stored for the user and trigger; <see cref="IngestItemResult.EventId"/> is the existing id.</summary>
    Duplicate,

    /// <summary>Refused; <see cref="IngestItemResult.Error"/> says why. A batch with one refused item stores nothing.</summary>
    Invalid,

    /// <summary>Valid, but not stored because another item of its all-or-nothing batch was <see cref="Invalid"/>.</summary>
    NotStored,

    /// <summary>
    /// For a product user who has not linked IFTTT (no AdminPortal user has that subject yet): accepted and dropped.
    /// Only with a product configured — the product sends every user's events and most users never link, so such an
    /// item must not refuse the batch. Without a product an unknown user is <see cref="Invalid"/>.
    /// </summary>
    SkippedUnlinked,
}

/// <summary>One item's result.</summary>
public sealed record IngestItemResult(IngestOutcome Outcome, string? EventId = null, string? Error = null);

/// <summary>The batch's results, one per input event, in input order.</summary>
public sealed record IngestResult(IReadOnlyList<IngestItemResult> Items)
{
    /// <summary>Whether the batch went in (no item was <see cref="IngestOutcome.Invalid"/>).</summary>
    public bool Accepted => Items.All(i => i.Outcome != IngestOutcome.Invalid);

    /// <summary>How many items were <see cref="IngestOutcome.SkippedUnlinked"/>.</summary>
    public int SkippedUnlinked => Items.Count(i => i.Outcome == IngestOutcome.SkippedUnlinked);
}
