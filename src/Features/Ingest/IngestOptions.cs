using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Ingest;

/// <summary><c>Ingest</c> section: keys the company's product sends events with, and batch limits.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Accepted in addition to the stored key (SecretNames.IngestApiKey) that admins can reveal and rotate.</summary>
    public List<string> ApiKeys { get; set; } = [];

    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 1000;

    /// <summary>A full batch of 1000 events with rich ingredients fits comfortably.</summary>
    [Range(1024L, 1024L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
}
