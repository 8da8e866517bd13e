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
}
