using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Ifttt.Timelines;

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> e)
    {
        e.ToTable("TimelineEvents");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(26);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Trigger).HasMaxLength(100);
        e.Property(x => x.SourceId).HasMaxLength(200);
        e.Property(x => x.OccurredAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.ReceivedAt).HasConversion(UnixMillisecondsConverter.Instance);
        // The admin timeline view and the options providers read one user's trigger newest first.
        e.HasIndex(x => new { x.UserId, x.Trigger, x.OccurredAt, x.Id });
        // Idempotent ingest: one event per (user, trigger, source id).
        e.HasIndex(x => new { x.UserId, x.Trigger, x.SourceId }).IsUnique().HasFilter("\"SourceId\" IS NOT NULL");
    }
}

internal sealed class EventMatchKeyConfiguration : IEntityTypeConfiguration<EventMatchKey>
{
    public void Configure(EntityTypeBuilder<EventMatchKey> k)
    {
        k.ToTable("EventMatchKeys");
        // The key is the poll's index: equality on (user, match key), then newest first, ids breaking ties.
        k.HasKey(x => new { x.UserId, x.MatchKey, x.OccurredAt, x.EventId });
        k.Property(x => x.UserId).HasMaxLength(450);
        k.Property(x => x.EventId).HasMaxLength(26);
        k.Property(x => x.OccurredAt).HasConversion(UnixMillisecondsConverter.Instance);
        // No foreign key on purpose: events are never deleted, and an FK would cost an extra index per row.
    }
}
