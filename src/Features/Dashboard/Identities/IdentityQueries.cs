using System.Text;
using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Dashboard.Identities;

public enum IdentityState
{
    Any,
    Active,
    Stale,
    Ended,
}

public sealed record IdentityFilter(IdentityState State = IdentityState.Any, string? User = null, string? Trigger = null);

public sealed record IdentityRow(string Id, string UserId, string User, string Trigger, IReadOnlyList<KeyValuePair<string, string>> Fields,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastPolledAt, long PollCount, long RealtimePollCount, bool TestMode,
    DateTimeOffset? EndedAt, DateTimeOffset? LastNudgedAt, IdentityState State);

/// <summary>An identity and what a poll with its fields returns right now (IFTTT's default limit of 50).</summary>
public sealed record IdentityDetail(IdentityRow Identity, IReadOnlyList<TimelineItem> Items, string PollResponse);

/// <summary>Reads trigger identities for the dashboard; "stale" = active but not polled for Dashboard:StaleIdentityDays.</summary>
public sealed class IdentityQueries(IDbContextFactory<AppDbContext> dbFactory, IOptions<DashboardOptions> options, TimeProvider clock)
{
    public const int PollLimit = 50;

    public DateTimeOffset StaleBefore => clock.GetUtcNow().AddDays(-options.Value.StaleIdentityDays);

    public int StaleDays => options.Value.StaleIdentityDays;

    public async Task<Paged<IdentityRow>?> SearchAsync(IdentityFilter filter, int page, int pageSize, string? sort = null, bool ascending = false,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identities = db.Set<TriggerIdentity>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            if (await UserLookup.ResolveAsync(db, filter.User, ct) is not { } userId)
            {
                return null;
            }
            identities = identities.Where(i => i.UserId == userId);
        }
        if (!string.IsNullOrEmpty(filter.Trigger))
        {
            identities = identities.Where(i => i.Trigger == filter.Trigger);
        }
        var staleBefore = StaleBefore;
        identities = filter.State switch
        {
            IdentityState.Active => identities.Where(i => i.EndedAt == null && i.LastPolledAt >= staleBefore),
            IdentityState.Stale => identities.Where(i => i.EndedAt == null && i.LastPolledAt < staleBefore),
            IdentityState.Ended => identities.Where(i => i.EndedAt != null),
            _ => identities,
        };
        var ordered = (sort, ascending) switch
        {
            ("first", false) => identities.OrderByDescending(i => i.FirstSeenAt).ThenBy(i => i.Id),
            ("first", true) => identities.OrderBy(i => i.FirstSeenAt).ThenBy(i => i.Id),
            (_, true) => identities.OrderBy(i => i.LastPolledAt).ThenBy(i => i.Id),
            _ => identities.OrderByDescending(i => i.LastPolledAt).ThenBy(i => i.Id),
        };
        var result = await Paging.PageAsync(ordered, page, pageSize, ct);
        var rows = await RowsAsync(db, result.Items, ct);
        return new Paged<IdentityRow>(rows, result.Total, result.Capped);
    }

    public async Task<IdentityDetail?> GetAsync(string userId, string identityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identity = await db.Set<TriggerIdentity>().AsNoTracking().FirstOrDefaultAsync(i => i.UserId == userId && i.Id == identityId, ct);
        if (identity is null)
        {
            return null;
        }
        var row = (await RowsAsync(db, [identity], ct))[0];
        // The poll's own reader and JSON writer, with the key the identity's fields hash to: exactly IFTTT's answer.
        var items = await TimelineReader.NewestAsync(db, identity.UserId, identity.MatchKey, PollLimit, ct);
        var body = new StringBuilder("{\"data\":[");
        body.AppendJoin(',', items.Select(TimelineJson.WithMeta)).Append("]}");
        return new IdentityDetail(row, items, JsonPairs.Pretty(body.ToString()));
    }

    public async Task<List<IdentityRow>> ForUserAsync(string userId, int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identities = await db.Set<TriggerIdentity>().AsNoTracking().Where(i => i.UserId == userId)
            .OrderByDescending(i => i.LastPolledAt).Take(take).ToListAsync(ct);
        return await RowsAsync(db, identities, ct);
    }

    private async Task<List<IdentityRow>> RowsAsync(AppDbContext db, IReadOnlyList<TriggerIdentity> identities, CancellationToken ct)
    {
        var emails = await UserLookup.EmailsAsync(db, identities.Select(i => i.UserId), ct);
        var ids = identities.Select(i => i.Id).Distinct().ToList();
        var nudges = ids.Count == 0 ? [] : await db.Set<RealtimeIdentityNudge>().AsNoTracking().Where(n => ids.Contains(n.TriggerIdentity))
            .ToDictionaryAsync(n => n.TriggerIdentity, n => n.LastNudgedAt, ct);
        var staleBefore = StaleBefore;
        return [.. identities.Select(i => new IdentityRow(i.Id, i.UserId, emails.GetValueOrDefault(i.UserId, i.UserId), i.Trigger, JsonPairs.Read(i.Fields),
            i.FirstSeenAt, i.LastPolledAt, i.PollCount, i.RealtimePollCount, i.TestMode, i.EndedAt,
            nudges.TryGetValue(i.Id, out var nudged) ? nudged : null,
            i.EndedAt is not null ? IdentityState.Ended : i.LastPolledAt < staleBefore ? IdentityState.Stale : IdentityState.Active))];
    }
}
