using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>What IFTTT asked and what it got: one row per /ifttt/v1 request, pruned after the retention period.</summary>
public sealed class RequestLogEntry
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? RequestId { get; init; }
    public required string Method { get; init; }

    /// <summary>The path below /ifttt/v1, e.g. <c>triggers/door_opened</c>.</summary>
    public required string Endpoint { get; init; }
    public string? UserId { get; init; }
    public string? TriggerIdentity { get; init; }
    public required int Status { get; init; }
    public required double LatencyMs { get; init; }
    public int? Items { get; init; }
    public bool Realtime { get; init; }
    public bool TestMode { get; init; }
    public string? Error { get; init; }
}

internal sealed class RequestLogEntryConfiguration : IEntityTypeConfiguration<RequestLogEntry>
{
    public void Configure(EntityTypeBuilder<RequestLogEntry> e)
    {
        e.ToTable("IftttRequestLog");
        e.Property(x => x.At).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.RequestId).HasMaxLength(100);
        e.Property(x => x.Method).HasMaxLength(10);
        e.Property(x => x.Endpoint).HasMaxLength(400);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.TriggerIdentity).HasMaxLength(200);
        e.Property(x => x.Error).HasMaxLength(1000);
        // Pruning by age and the dashboard's "latest requests" both range over time.
        e.HasIndex(x => x.At);
        e.HasIndex(x => new { x.UserId, x.At });
        // The dashboard's traffic page: one identity's requests.
        e.HasIndex(x => new { x.TriggerIdentity, x.At }).HasDatabaseName("IX_IftttRequestLog_Dashboard_TriggerIdentity_At");
    }
}
