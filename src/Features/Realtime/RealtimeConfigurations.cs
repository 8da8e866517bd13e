using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Realtime;

internal sealed class RealtimeNotificationConfiguration : IEntityTypeConfiguration<RealtimeNotification>
{
    public void Configure(EntityTypeBuilder<RealtimeNotification> notification)
    {
        notification.ToTable("RealtimeNotifications");
        notification.Property(n => n.TriggerIdentity).HasMaxLength(200);
        notification.Property(n => n.UserId).HasMaxLength(200);
        notification.Property(n => n.Reason).HasMaxLength(20);
        // The drain reads pending rows oldest first.
        notification.HasIndex(n => new { n.State, n.Id });
        notification.HasIndex(n => n.BatchId);
    }
}

internal sealed class RealtimeBatchConfiguration : IEntityTypeConfiguration<RealtimeBatch>
{
    public void Configure(EntityTypeBuilder<RealtimeBatch> batch)
    {
        batch.ToTable("RealtimeBatches");
        batch.Property(b => b.RequestId).HasMaxLength(64);
        batch.Property(b => b.LastError).HasMaxLength(2000);
        batch.Property(b => b.LeaseOwner).HasMaxLength(100).IsConcurrencyToken();
        batch.HasIndex(b => new { b.State, b.NextAttemptAt });
    }
}

internal sealed class RealtimeCallConfiguration : IEntityTypeConfiguration<RealtimeCall>
{
    public void Configure(EntityTypeBuilder<RealtimeCall> call)
    {
        call.ToTable("RealtimeCalls");
        call.Property(c => c.RequestId).HasMaxLength(64);
        call.Property(c => c.Error).HasMaxLength(2000);
        call.HasIndex(c => c.At);
        call.HasIndex(c => c.BatchId);
    }
}

internal sealed class RealtimeIdentityNudgeConfiguration : IEntityTypeConfiguration<RealtimeIdentityNudge>
{
    public void Configure(EntityTypeBuilder<RealtimeIdentityNudge> nudge)
    {
        nudge.ToTable("RealtimeIdentityNudges");
        nudge.HasKey(n => n.TriggerIdentity);
        nudge.Property(n => n.TriggerIdentity).HasMaxLength(200);
    }
}
