using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Alerts;

/// <summary>
/// One incident: a rule's condition for one subject (e.g. the action <c>turn_on_lights</c>, a user, the database) from
/// the check that first saw it to the check that no longer did. At most one open incident per rule and subject (a
/// unique index), so it fires once; the notice columns say whether the opening and the clearing have been sent.
/// </summary>
public sealed class AlertIncident
{
    public long Id { get; set; }
    public required string Rule { get; init; }

    /// <summary>What the condition is about within the rule; empty for rules with a single condition.</summary>
    public required string Subject { get; init; }

    /// <summary>What is wrong, with the figures of the latest check that saw it.</summary>
    public required string Summary { get; set; }

    /// <summary>What to do about it.</summary>
    public required string Advice { get; set; }

    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }

    /// <summary>When every configured channel had the "opened" message; null while it is still owed (retried each check).</summary>
    public DateTimeOffset? OpenNoticeSentAt { get; set; }

    public DateTimeOffset? ClearNoticeSentAt { get; set; }

    /// <summary>Why the last attempt to send a notice failed, for the Alerts page.</summary>
    public string? NoticeError { get; set; }

    public bool IsOpen => ClearedAt is null;
}

internal sealed class AlertIncidentConfiguration : IEntityTypeConfiguration<AlertIncident>
{
    public void Configure(EntityTypeBuilder<AlertIncident> incident)
    {
        incident.ToTable("AlertIncidents");
        incident.Property(i => i.Rule).HasMaxLength(40);
        incident.Property(i => i.Subject).HasMaxLength(450);
        incident.Property(i => i.Summary).HasMaxLength(1000);
        incident.Property(i => i.Advice).HasMaxLength(1000);
        incident.Property(i => i.NoticeError).HasMaxLength(1000);
        incident.Ignore(i => i.IsOpen);
        // Once per incident: a second open row for the same condition cannot exist, whatever runs at once.
        incident.HasIndex(i => new { i.Rule, i.Subject }).IsUnique().HasFilter("\"ClearedAt\" IS NULL")
            .HasDatabaseName("IX_AlertIncidents_Open_Rule_Subject");
        incident.HasIndex(i => i.OpenedAt);
    }
}
