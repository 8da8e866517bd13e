using AdminPortal.Data;
using AdminPortal.Features.Connectors.Polling;
using AdminPortal.Features.Connectors.Sources;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Connectors.Status;

/// <summary>One polled source at a glance. <see cref="Lag"/>: how long ago the stalest due user last caught up with the product.</summary>
public sealed record SourceStatus(string Trigger, string Path, TimeSpan Interval, string? Webhook, int Users, DateTimeOffset? LastRun,
    int ItemsFetched, long TotalItems, int Errors, TimeSpan? Lag, DateTimeOffset? NextRun);

/// <summary>One user's cursor for one trigger, as the status page lists it.</summary>
public sealed record UserCursorStatus(string UserId, string? Email, string? Cursor, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt,
    int LastItems, DateTimeOffset? NextRunAt, int Failures, string? LastError, DateTimeOffset? LastErrorAt);

/// <summary>The connector status page's reads (the rows are Connectors'; the page only shows them).</summary>
public sealed class ConnectorStatusQueries(AppDbContext db, ConnectorSources sources, CursorStore cursors, TimeProvider clock)
{
    public IReadOnlyList<TriggerSource> Sources => sources.All;

    public async Task<IReadOnlyList<SourceStatus>> SourcesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = new List<SourceStatus>();
        foreach (var source in sources.All)
        {
            var rows = await cursors.ForTriggerAsync(source.Trigger, ct);
            var candidates = source.Poll is null ? [] : await cursors.CandidatesAsync(source.Trigger, ct);
            var active = rows.Where(r => candidates.Contains(r.UserId)).ToList();
            var lastRun = rows.Max(r => r.LastRunAt);
            DateTimeOffset? lagFrom = active.Count == 0 ? null : active.Min(r => r.LastSuccessAt ?? DateTimeOffset.MinValue);
            result.Add(new SourceStatus(source.Trigger,
                source.Poll?.Request.ConfigPath ?? "",
                source.Poll?.Interval ?? TimeSpan.Zero,
                source.Webhook?.Name,
                candidates.Count,
                lastRun,
                rows.Where(r => r.LastRunAt == lastRun).Sum(r => r.LastItems),
                rows.Sum(r => r.TotalItems),
                rows.Count(r => r.Failures > 0 || (r.LastErrorAt is { } e && e >= (r.LastSuccessAt ?? DateTimeOffset.MinValue))),
                lagFrom is { } from && from > DateTimeOffset.MinValue ? now - from : null,
                candidates.Count == 0 ? null
                    : candidates.Select(id => rows.FirstOrDefault(r => r.UserId == id)?.NextRunAt ?? now).Min() is var next && next < now ? now : next));
        }
        return result;
    }

    public async Task<IReadOnlyList<UserCursorStatus>> UsersAsync(string trigger, CancellationToken ct)
    {
        var rows = await cursors.ForTriggerAsync(trigger, ct);
        var candidates = await cursors.CandidatesAsync(trigger, ct);
        var ids = rows.Select(r => r.UserId).Union(candidates).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return [.. ids.Select(id => rows.FirstOrDefault(r => r.UserId == id) is { } r
                ? new UserCursorStatus(id, emails.GetValueOrDefault(id), r.Cursor, r.LastRunAt, r.LastSuccessAt, r.LastItems, r.NextRunAt, r.Failures, r.LastError, r.LastErrorAt)
                : new UserCursorStatus(id, emails.GetValueOrDefault(id), null, null, null, 0, null, 0, null, null))
            .OrderByDescending(u => u.LastErrorAt ?? DateTimeOffset.MinValue).ThenBy(u => u.Email)];
    }
}
