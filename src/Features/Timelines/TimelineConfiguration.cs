using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Timelines;

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
        // No (UserId, …) index of its own: one user's timeline is EventMatchKeys' whole-timeline key (MatchShapes), and
        // every index led by the user costs a random page write per ingested event (decision 0008).
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
        // The table is WITHOUT ROWID (migration TimelineIndex, raw SQL: EF has no switch for it), so the key is the
        // table and each row is written once. EF rebuilds a table for some column changes and would drop that clause:
        // a migration that alters this table must recreate it WITHOUT ROWID again.
    }
}

internal sealed class TimelineIndexStateConfiguration : IEntityTypeConfiguration<TimelineIndexState>
{
    public void Configure(EntityTypeBuilder<TimelineIndexState> e)
    {
        e.ToTable("TimelineIndexState");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.ShapesFingerprint).HasMaxLength(64);
        e.Property(x => x.UpdatedAt).HasConversion(UnixMillisecondsConverter.Instance);
    }
}
