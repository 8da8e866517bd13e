namespace AdminPortal.Features.Realtime;

public enum NotificationState
{
    Pending = 0,
    Batched = 1,
    Delivered = 2,
    Failed = 3,
    Skipped = 4,
}

/// <summary>
/// One nudge owed to IFTTT, written in the same transaction as the event that caused it (an outbox),
/// so a crash between ingest and sending loses nothing.
/// </summary>
public sealed class RealtimeNotification
{
    public long Id { get; set; }

    /// <summary>The trigger identity to re-poll; null when the nudge names a user instead.</summary>
    public string? TriggerIdentity { get; set; }

    /// <summary>Our user id (the user/info id), for a nudge that re-polls every trigger of a user.</summary>
    public string? UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public NotificationState State { get; set; }
    public long? BatchId { get; set; }

    /// <summary>Why it was queued: "event", "admin".</summary>
    public string Reason { get; set; } = "event";
}

public enum BatchState
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>One request's worth of notifications (≤ 1000), retried as a unit until IFTTT accepts it.</summary>
public sealed class RealtimeBatch
{
    public long Id { get; set; }

    /// <summary>Sent as X-Request-ID on every attempt, so IFTTT can tell a retry from a new nudge.</summary>
    public required string RequestId { get; init; }

    public DateTimeOffset CreatedAt { get; set; }
    public int EntryCount { get; set; }
    public BatchState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// The instance that claimed it last (PostgreSQL, several instances: <see cref="RealtimeDrainer"/>); kept after the
    /// send as who sent it. A concurrency token: an instance whose lease was taken over cannot overwrite the new owner's outcome.
    /// Never set on SQLite, where one process sends everything.
    /// </summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when <see cref="LeaseOwner"/> holds it; past this another instance takes it over. Cleared with the outcome.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }
}

/// <summary>The realtime log: every call made to IFTTT, successful or not.</summary>
public sealed class RealtimeCall
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public required string RequestId { get; init; }
    public DateTimeOffset At { get; set; }
    public int Attempt { get; set; }
    public int EntryCount { get; set; }

    /// <summary>Null when no HTTP response came back (timeout, network error).</summary>
    public int? StatusCode { get; set; }

    public double LatencyMs { get; set; }
    public bool Succeeded { get; set; }

    /// <summary>IFTTT's response body or the network error, kept only for failures.</summary>
    public string? Error { get; set; }
}

/// <summary>When each trigger identity was last nudged (delivered), for the dashboard.</summary>
public sealed class RealtimeIdentityNudge
{
    public required string TriggerIdentity { get; init; }
    public DateTimeOffset LastNudgedAt { get; set; }
}
