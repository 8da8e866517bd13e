using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Ifttt.Actions;

public static class ActionOutcomes
{
    public const string Pending = "pending";
    public const string Success = "success";
    public const string Skip = "skip";
    public const string Error = "error";
}

/// <summary>One action run as IFTTT requested it: fields, outcome and how long it took. Also the idempotency record.</summary>
public sealed class ActionLogEntry
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Action { get; init; }
    public string? RequestId { get; init; }

    /// <summary>The actionFields IFTTT sent, as JSON.</summary>
    public required string Fields { get; init; }
    public required string Outcome { get; set; }
    public string? ResultId { get; set; }
    public string? ResultUrl { get; set; }
    public string? Message { get; set; }
    public double LatencyMs { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class ActionLogEntryConfiguration : IEntityTypeConfiguration<ActionLogEntry>
{
    public void Configure(EntityTypeBuilder<ActionLogEntry> e)
    {
        e.ToTable("IftttActionLog");
        e.Property(x => x.Id).HasMaxLength(26);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Action).HasMaxLength(100);
        e.Property(x => x.RequestId).HasMaxLength(100);
        e.Property(x => x.Outcome).HasMaxLength(10);
        e.Property(x => x.ResultId).HasMaxLength(200);
        e.Property(x => x.ResultUrl).HasMaxLength(2000);
        e.Property(x => x.Message).HasMaxLength(1000);
        e.Property(x => x.CreatedAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.CompletedAt).HasConversion(UnixMillisecondsConverter.Instance);
        // Idempotency: one run per X-Request-ID, user and action.
        e.HasIndex(x => new { x.UserId, x.Action, x.RequestId }).IsUnique().HasFilter("\"RequestId\" IS NOT NULL");
        e.HasIndex(x => x.CreatedAt);
        // The dashboard's actions page: one user's runs.
        e.HasIndex(x => new { x.UserId, x.CreatedAt }).HasDatabaseName("IX_IftttActionLog_Dashboard_UserId_CreatedAt");
    }
}
