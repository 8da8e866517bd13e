using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Connectors;

/// <summary><c>Connectors</c>: how hard polling may push the product, and how long webhook ids are remembered.</summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connectors";

    /// <summary>Users polled at the same time (per run, across triggers).</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>First wait after a 429/5xx/timeout; doubles per further failure up to <see cref="BackoffMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a <c>webhook-id</c> is remembered for replay detection (longer than any declared tolerance).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan WebhookIdRetention { get; set; } = TimeSpan.FromDays(2);
}
