using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Realtime;

/// <summary><c>Ifttt:Realtime</c>: how new events nudge IFTTT through its Realtime API.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Ifttt:Realtime";

    /// <summary>Off: notifications are still recorded, as skipped, but nothing is sent.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>IFTTT's Realtime API base URL (<c>Ifttt:RealtimeUrl</c>); tests point it at a local fake.</summary>
    [Required, Url]
    public string Url { get; set; } = "https://realtime.ifttt.com";

    /// <summary>
    /// Zero (the default): adaptive — an idle outbox sends at once, and what is committed while a send is in flight
    /// goes out as the next batch (docs/decisions/0024). Above zero: always gather this long after the first
    /// notification before sending (the behaviour before 0024, for fewer and larger calls at any load).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan DebounceWindow { get; set; } = TimeSpan.Zero;

    /// <summary>Entries per request; IFTTT accepts at most 1000.</summary>
    /// <summary>Set by <c>Ifttt:RealtimeUrl=local</c>: calls are answered inside the app (<see cref="LocalRealtimeSink"/>).</summary>
    public bool LocalSink { get; set; }

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>A batch still undelivered this long after it was formed is marked failed for admins to see.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>First retry delay; doubles per attempt up to <see cref="MaxBackoff"/>, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per-request timeout; a timeout counts as a retryable failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Several instances on PostgreSQL (docs/decisions/0028): how long an instance holds a batch it claimed before another may
    /// take it over — the time a dead instance's batch waits. Must exceed <see cref="RequestTimeout"/> (checked at start),
    /// so a live instance's send never outlasts its lease.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the realtime call log is kept (like the request log).</summary>
    [Range(1, 3650)]
    public int LogRetentionDays { get; set; } = 30;
}
