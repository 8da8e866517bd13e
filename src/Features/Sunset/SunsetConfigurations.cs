using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Sunset;

internal sealed class SunsetPlanConfiguration : IEntityTypeConfiguration<SunsetPlan>
{
    public void Configure(EntityTypeBuilder<SunsetPlan> plan)
    {
        plan.ToTable("SunsetPlans");
        plan.Property(p => p.Reason).HasMaxLength(500);
        plan.Property(p => p.MessageToUsers).HasMaxLength(4000);
        plan.Property(p => p.PlatformTeamEmail).HasMaxLength(256);
        plan.Property(p => p.CreatedBy).HasMaxLength(256);
        plan.Property(p => p.UserNoticeJobId).HasMaxLength(100);
        plan.Property(p => p.SunsetJobId).HasMaxLength(100);
        plan.Ignore(p => p.UserNoticeAt);
    }
}

internal sealed class SunsetHistoryConfiguration : IEntityTypeConfiguration<SunsetHistoryEntry>
{
    public void Configure(EntityTypeBuilder<SunsetHistoryEntry> entry)
    {
        entry.ToTable("SunsetHistory");
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.What).HasMaxLength(2000);
        entry.HasIndex(e => e.At);
    }
}

internal sealed class NoticeDeliveryConfiguration : IEntityTypeConfiguration<NoticeDelivery>
{
    public void Configure(EntityTypeBuilder<NoticeDelivery> delivery)
    {
        delivery.ToTable("NoticeDeliveries");
        delivery.Property(d => d.NoticeKey).HasMaxLength(100);
        delivery.Property(d => d.Recipient).HasMaxLength(256);
        delivery.Property(d => d.UserId).HasMaxLength(450);
        delivery.Property(d => d.Subject).HasMaxLength(300);
        delivery.Property(d => d.LastError).HasMaxLength(2000);
        // The idempotency guarantee: one row, so at most one send, per notice and recipient.
        delivery.HasIndex(d => new { d.NoticeKey, d.Recipient }).IsUnique();
    }
}

internal sealed class NoticeCampaignConfiguration : IEntityTypeConfiguration<NoticeCampaign>
{
    public void Configure(EntityTypeBuilder<NoticeCampaign> campaign)
    {
        campaign.ToTable("NoticeCampaigns");
        campaign.Property(c => c.Kind).HasMaxLength(40);
        campaign.Property(c => c.Message).HasMaxLength(4000);
        campaign.Property(c => c.CreatedBy).HasMaxLength(256);
    }
}
