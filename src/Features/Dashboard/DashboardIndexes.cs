using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Ifttt.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Dashboard;

// The indexes the dashboard's lists need, kept beside the dashboard rather than in the owning features' mappings
// (EF applies every IEntityTypeConfiguration of a type). Each serves a newest-first list or a filter of one page,
// so a page reads one index range and stops after the page (plus a count capped at 10,001).

/// <summary>Timelines: newest first over everyone, and per trigger.</summary>
internal sealed class TimelineEventDashboardIndexes : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> e)
    {
        e.HasIndex(x => new { x.OccurredAt, x.Id }).HasDatabaseName("IX_TimelineEvents_Dashboard_OccurredAt");
        e.HasIndex(x => new { x.Trigger, x.OccurredAt }).HasDatabaseName("IX_TimelineEvents_Dashboard_Trigger_OccurredAt");
    }
}

/// <summary>Trigger identities: by last poll (active / stale split and default order).</summary>
internal sealed class TriggerIdentityDashboardIndexes : IEntityTypeConfiguration<TriggerIdentity>
{
    public void Configure(EntityTypeBuilder<TriggerIdentity> e) =>
        e.HasIndex(x => x.LastPolledAt).HasDatabaseName("IX_TriggerIdentities_Dashboard_LastPolledAt");
}

/// <summary>IFTTT traffic: one identity's requests.</summary>
internal sealed class RequestLogDashboardIndexes : IEntityTypeConfiguration<RequestLogEntry>
{
    public void Configure(EntityTypeBuilder<RequestLogEntry> e) =>
        e.HasIndex(x => new { x.TriggerIdentity, x.At }).HasDatabaseName("IX_IftttRequestLog_Dashboard_TriggerIdentity_At");
}

/// <summary>Actions: one user's runs.</summary>
internal sealed class ActionLogDashboardIndexes : IEntityTypeConfiguration<ActionLogEntry>
{
    public void Configure(EntityTypeBuilder<ActionLogEntry> e) =>
        e.HasIndex(x => new { x.UserId, x.CreatedAt }).HasDatabaseName("IX_IftttActionLog_Dashboard_UserId_CreatedAt");
}
