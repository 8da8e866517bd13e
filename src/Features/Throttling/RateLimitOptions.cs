using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Throttling;

/// <summary>How many counted attempts one partition (an IP address) may make in a fixed window.</summary>
public sealed class FailureLimit
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; }

    public static FailureLimit Of(int permits, TimeSpan window) => new() { PermitLimit = permits, Window = window };
}

/// <summary>
/// <c>RateLimits</c> section. Every limit counts failures (or, for registration, attempts) per client IP address; a
/// right credential is never refused (decision 0016), so IFTTT's polling and refreshes are never limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Wrong passwords (known or unknown email) per IP; over it, every sign-in from that IP waits.</summary>
    public FailureLimit SignIn { get; set; } = FailureLimit.Of(30, TimeSpan.FromMinutes(15));

    /// <summary>Registration attempts per IP, successful or not.</summary>
    public FailureLimit Registration { get; set; } = FailureLimit.Of(10, TimeSpan.FromHours(1));

    /// <summary>Failed client authentications (<c>invalid_client</c>) at <c>/connect/token</c> per IP.</summary>
    public FailureLimit Token { get; set; } = FailureLimit.Of(60, TimeSpan.FromMinutes(1));

    /// <summary>Wrong or missing <c>IFTTT-Service-Key</c>s on <c>/ifttt/v1</c> per IP.</summary>
    public FailureLimit ServiceKey { get; set; } = FailureLimit.Of(60, TimeSpan.FromMinutes(1));

    /// <summary>Wrong or missing ingest API keys on <c>/api/v1/events</c> per IP.</summary>
    public FailureLimit IngestKey { get; set; } = FailureLimit.Of(60, TimeSpan.FromMinutes(1));
}
