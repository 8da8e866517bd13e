namespace AdminPortal.Features.Timelines;

/// <summary>
/// One event on a user's timeline for one trigger. Immutable once stored and never pruned:
/// IFTTT may poll for it as long as it is among the newest of its timeline.
/// </summary>
public sealed class TimelineEvent
{
    /// <summary>A ULID: opaque to IFTTT (meta.id), unique and stable forever.</summary>
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Trigger { get; init; }

    /// <summary>When it happened (meta.timestamp); timelines are ordered by it, newest first.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The sender's id for the event; a repeat for the same user and trigger is stored once.</summary>
    public string? SourceId { get; init; }

    /// <summary>JSON object of string attributes that trigger fields match against.</summary>
    public required string Attributes { get; init; }

    /// <summary>JSON object of the declared ingredients, written into poll responses as stored.</summary>
    public required string Ingredients { get; init; }
}

/// <summary>
/// The index that makes a poll one range scan: one row per (event, filter it satisfies), where a filter
/// is a set of attribute=value pairs hashed into <see cref="MatchKey"/> (see <see cref="TriggerMatcher"/>).
/// </summary>
public sealed class EventMatchKey
{
    public required string UserId { get; init; }
    public required long MatchKey { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string EventId { get; init; }
}
