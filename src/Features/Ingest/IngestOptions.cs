using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Ingest;

/// <summary><c>Ingest</c> section: keys the company's product sends events with, and batch limits.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>
    /// Accepted in addition to the key generated on the Service page (SecretNames.IngestApiKey). Read-only there:
    /// to replace one, edit this list (the old and new key side by side while the product switches) and restart.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 1000;

    /// <summary>A full batch of 1000 events with rich ingredients fits comfortably.</summary>
    [Range(1024L, 1024L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Large bodies being received at once; one more is answered 503 with Retry-After rather than queued, so a crowd
    /// of slow senders costs at most this many buffers.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConcurrentUploads { get; set; } = 16;

    /// <summary>The whole body must arrive within this, or the request is answered 408.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Below this rate (after Kestrel's 5 s grace) the body is abandoned with 408. Kestrel's default, 240 bytes/s,
    /// lets a 16 MiB trickle last 19 hours.
    /// </summary>
    [Range(1, 1024 * 1024 * 1024)]
    public int MinBodyBytesPerSecond { get; set; } = 4096;

    /// <summary>How long a received batch waits for its turn to be parsed and stored before 503 with Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan AdmissionWait { get; set; } = TimeSpan.FromSeconds(10);
}
