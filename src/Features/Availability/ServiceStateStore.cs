using AdminPortal.Data;
using AdminPortal.Data.Cluster;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Availability;

/// <summary>
/// Maintenance switch for the dashboard. Read from memory on every status call (loaded at start-up, updated on
/// write); other instances on the same database reload it when the switch's change reaches them on the cluster change
/// feed (decision 0027), within seconds.
/// </summary>
public sealed class ServiceStateStore : IStartupTask
{
    public const string Topic = "availability.maintenance";

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly ClusterChangeFeed _feed;
    private volatile ServiceStateSnapshot _current = new(false, null);

    public ServiceStateStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ClusterChangeFeed feed)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        _feed = feed;
        feed.Subscribe(Topic, (_, ct) => LoadAsync(ct));
    }

    public ServiceStateSnapshot Current => _current;

    public async Task SetMaintenanceAsync(bool maintenance, string? message, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<ServiceStateRow>().FindAsync([ServiceStateRow.SingletonId], ct);
        if (row is null)
        {
            row = new ServiceStateRow();
            db.Add(row);
        }
        row.Maintenance = maintenance;
        row.MaintenanceMessage = message;
        row.UpdatedAt = _clock.GetUtcNow();
        _feed.Stage(db, Topic);
        await db.SaveChangesAsync(ct);
        _current = new ServiceStateSnapshot(maintenance, message);
    }

    public Task RunAsync(IServiceProvider services, CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<ServiceStateRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == ServiceStateRow.SingletonId, ct);
        _current = new ServiceStateSnapshot(row?.Maintenance ?? false, row?.MaintenanceMessage);
    }
}

public sealed record ServiceStateSnapshot(bool Maintenance, string? Message);
