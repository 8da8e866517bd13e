using AdminPortal.Components.Shared;
using AdminPortal.Data;
using AdminPortal.Features.Dashboard.RealtimeLog;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.Sunset;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.Dashboard.Overview;

public enum ServiceStatus
{
    Live,
    Maintenance,
    SunsetScheduled,
    Sunset,
}

/// <summary>The overview's figures. IFTTT's test users, and traffic in IFTTT's test mode, are left out of every one.</summary>
public sealed record OverviewFigures(
    int Users,
    int LinkedUsers,
    int ActiveIdentities,
    int EventsToday,
    int Requests24h,
    int Errors24h,
    RealtimeSummary Realtime,
    int UsersAtRisk,
    ServiceStatus Status,
    DateTimeOffset? SunsetAt)
{
    public double ErrorRate => Requests24h == 0 ? 0 : (double)Errors24h / Requests24h;
}

/// <summary>Reads the overview. Every figure is an index range (time, state) or a capped count; none scans a whole table.</summary>
public sealed class OverviewQueries(
    IDbContextFactory<AppDbContext> dbFactory,
    RealtimeQueries realtime,
    ServiceAvailability availability,
    IOptions<DashboardOptions> options,
    IOptions<IftttClientOptions> client,
    TimeProvider clock)
{
    /// <param name="zone">"Today" starts at midnight in the admin's time zone.</param>
    public async Task<OverviewFigures> LoadAsync(AdminTimeZone zone, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var dayAgo = now.AddHours(-24);
        var localNow = zone.Convert(now);
        var today = new DateTimeOffset(localNow.Date, localNow.Offset);
        var testUsers = db.Users.Where(u => u.IsTestUser).Select(u => u.Id);

        var users = await db.Users.CountAsync(u => !u.IsTestUser, ct);
        var clientId = client.Value.ClientId;
        var linked = await db.Users.CountAsync(u => !u.IsTestUser && db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Any(a => a.Subject == u.Id && a.Status == Statuses.Valid && a.Application!.ClientId == clientId), ct);

        var staleBefore = now.AddDays(-options.Value.StaleIdentityDays);
        var activeIdentities = await db.Set<TriggerIdentity>()
            .Where(i => i.EndedAt == null && !i.TestMode && i.LastPolledAt >= staleBefore && !testUsers.Contains(i.UserId))
            .Take(Paging.CountCap + 1).CountAsync(ct);
        var eventsToday = await db.Set<TimelineEvent>()
            .Where(e => e.OccurredAt >= today && !testUsers.Contains(e.UserId))
            .Take(Paging.CountCap * 10 + 1).CountAsync(ct);

        // Left out as the README says: IFTTT's test-mode header, its endpoint tests' set-up call, and its test user's calls.
        var recent = db.Set<RequestLogEntry>().Where(e => e.At >= dayAgo && !e.TestMode && e.Endpoint != RequestLogQueries.TestSetupEndpoint
            && (e.UserId == null || !testUsers.Contains(e.UserId)));
        var requests = await recent.CountAsync(ct);
        var errors = await recent.CountAsync(e => e.Status >= 400, ct);

        var atRisk = await db.Set<TokenHealthRecord>()
            .CountAsync(h => (h.State == TokenHealthState.Failing || h.State == TokenHealthState.LikelyDisabled) && !testUsers.Contains(h.UserId), ct);

        var scheduled = await db.Set<SunsetPlan>().Where(p => p.State == SunsetPlanState.Scheduled)
            .OrderByDescending(p => p.Id).Select(p => (DateTimeOffset?)p.SunsetAt).FirstOrDefaultAsync(ct);
        var status = availability.IsSunset ? ServiceStatus.Sunset
            : availability.InMaintenance ? ServiceStatus.Maintenance
            : scheduled is not null ? ServiceStatus.SunsetScheduled
            : ServiceStatus.Live;

        return new OverviewFigures(users, linked, activeIdentities, eventsToday, requests, errors,
            await realtime.SummaryAsync(ct), atRisk, status, scheduled);
    }
}
