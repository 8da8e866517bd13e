using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Features.OAuth.Health;

public enum TokenHealthState
{
    /// <summary>No counted failure since the last success.</summary>
    Healthy,
    /// <summary>Failed checks since the last success, fewer than IFTTT's limit.</summary>
    Failing,
    /// <summary>15 failed checks within 14 days: IFTTT has most likely disabled the user's Applets.</summary>
    LikelyDisabled,
    /// <summary>No valid authorization for IFTTT: the user never linked, disconnected or was revoked.</summary>
    Disconnected,
    /// <summary>The product refused AdminPortal's refresh token: the user must reconnect (sign in through the product).</summary>
    ProductLinkBroken,
}

/// <summary>The computed health of one user's IFTTT link, kept so the dashboard reads one row per user.</summary>
public sealed class TokenHealthRecord
{
    public required string UserId { get; init; }
    public TokenHealthState State { get; set; }
    /// <summary>Counted failures since the last success.</summary>
    public int FailedChecks { get; set; }
    public DateTimeOffset? FirstFailureAt { get; set; }
    public DateTimeOffset? LastFailureAt { get; set; }
    public string? LastFailureReason { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    /// <summary>The last user/info call, whatever its outcome: IFTTT checks about every 7 days.</summary>
    public DateTimeOffset? LastCheckAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TokenHealthRecordConfiguration : IEntityTypeConfiguration<TokenHealthRecord>
{
    public void Configure(EntityTypeBuilder<TokenHealthRecord> health)
    {
        health.ToTable("TokenHealth");
        health.HasKey(h => h.UserId);
        health.Property(h => h.UserId).HasMaxLength(450);
        health.Property(h => h.State).HasConversion<string>().HasMaxLength(20);
        health.Property(h => h.LastFailureReason).HasMaxLength(40);
        var binary = new DateTimeOffsetToBinaryConverter();
        health.Property(h => h.FirstFailureAt).HasConversion(binary);
        health.Property(h => h.LastFailureAt).HasConversion(binary);
        health.Property(h => h.LastSuccessAt).HasConversion(binary);
        health.Property(h => h.LastCheckAt).HasConversion(binary);
        health.Property(h => h.UpdatedAt).HasConversion(binary);
        health.HasIndex(h => h.State);
    }
}
