using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Connectors.Polling;

/// <summary>
/// Where polling stands for one user and trigger: the product's cursor (moved only after the events it covers are
/// stored), when it last ran, its backoff and last error. Owned by Connectors; <see cref="CursorStore"/> writes it.
/// </summary>
public sealed class ConnectorCursor
{
    public required string UserId { get; init; }
    public required string Trigger { get; init; }

    /// <summary>The value the next request's <c>{{ cursor }}</c> gets; null until the first page was stored.</summary>
    public string? Cursor { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Items of the last successful run, and every item fetched since the row exists.</summary>
    public int LastItems { get; set; }
    public long TotalItems { get; set; }

    /// <summary>Not polled before this (the interval, or backoff after 429/5xx, honouring Retry-After).</summary>
    public DateTimeOffset? NextRunAt { get; set; }
    public int Failures { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
}

internal sealed class ConnectorCursorConfiguration : IEntityTypeConfiguration<ConnectorCursor>
{
    public void Configure(EntityTypeBuilder<ConnectorCursor> e)
    {
        e.ToTable("ConnectorCursors");
        e.HasKey(x => new { x.UserId, x.Trigger });
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Trigger).HasMaxLength(100);
        e.Property(x => x.Cursor).HasMaxLength(1000);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.Property(x => x.LastRunAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.LastSuccessAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.NextRunAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.LastErrorAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.HasIndex(x => x.Trigger);
    }
}
