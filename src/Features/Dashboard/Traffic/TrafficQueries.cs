using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Ifttt.RequestLog;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AdminPortal.Features.Dashboard.Traffic;

public enum StatusClass
{
    Any,
    Success,
    ClientError,
    ServerError,
    AnyError,
}

/// <summary>The IFTTT traffic list's filters; <see cref="Endpoint"/> matches the start of the path below /ifttt/v1.</summary>
public sealed record TrafficFilter(string? Endpoint = null, StatusClass Status = StatusClass.Any, string? User = null, string? Identity = null,
    TimeWindow Window = TimeWindow.Any);

public sealed record TrafficRow(RequestLogEntry Entry, string? User);

/// <summary>Reads the IFTTT request log (what IFTTT asked and got), newest first.</summary>
public sealed class TrafficQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> CommonEndpoints = ["status", "test/setup", "user/info", "triggers/", "actions/", "queries/"];

    public async Task<Paged<TrafficRow>?> SearchAsync(TrafficFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var log = db.Set<RequestLogEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            if (await UserLookup.ResolveAsync(db, filter.User, ct) is not { } userId)
            {
                return null;
            }
            log = log.Where(e => e.UserId == userId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Endpoint))
        {
            var endpoint = filter.Endpoint.Trim().TrimStart('/');
            log = log.Where(e => e.Endpoint.StartsWith(endpoint));
        }
        if (!string.IsNullOrWhiteSpace(filter.Identity))
        {
            var identity = filter.Identity.Trim();
            log = log.Where(e => e.TriggerIdentity == identity);
        }
        log = filter.Status switch
        {
            StatusClass.Success => log.Where(e => e.Status < 400),
            StatusClass.ClientError => log.Where(e => e.Status >= 400 && e.Status < 500),
            StatusClass.ServerError => log.Where(e => e.Status >= 500),
            StatusClass.AnyError => log.Where(e => e.Status >= 400),
            _ => log,
        };
        if (filter.Window.Since(clock.GetUtcNow()) is { } since)
        {
            log = log.Where(e => e.At >= since);
        }
        var result = await Paging.PageAsync(log.OrderByDescending(e => e.At).ThenByDescending(e => e.Id), page, pageSize, ct);
        var emails = await UserLookup.EmailsAsync(db, result.Items.Select(e => e.UserId), ct);
        return new Paged<TrafficRow>([.. result.Items.Select(e => new TrafficRow(e, e.UserId is null ? null : emails.GetValueOrDefault(e.UserId, e.UserId)))],
            result.Total, result.Capped);
    }

    public async Task<TrafficRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Set<RequestLogEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
        {
            return null;
        }
        var emails = await UserLookup.EmailsAsync(db, [entry.UserId], ct);
        return new TrafficRow(entry, entry.UserId is null ? null : emails.GetValueOrDefault(entry.UserId, entry.UserId));
    }

    /// <summary>The newest request's id: the live tail reloads only when it changes.</summary>
    public async Task<long> LatestIdAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<RequestLogEntry>().OrderByDescending(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync(ct);
    }

    public static Color StatusColor(int status) => status switch
    {
        >= 500 => Color.Error,
        >= 400 => Color.Warning,
        _ => Color.Success,
    };
}
