using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Availability;

/// <summary>
/// Maintenance switch for the dashboard. Read from memory on every status call (loaded at start-up,
/// updated on write): one process per database, so the copy cannot go stale.
/// </summary>
public sealed class ServiceStateStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IStartupTask
{
    private volatile ServiceStateSnapshot _current = new(false, null);

    public ServiceStateSnapshot Current => _current;

    public async Task SetMaintenanceAsync(bool maintenance, string? message, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<ServiceStateRow>().FindAsync([ServiceStateRow.SingletonId], ct);
        if (row is null)
        {
            row = new ServiceStateRow();
            db.Add(row);
        }
        row.Maintenance = maintenance;
        row.MaintenanceMessage = message;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        _current = new ServiceStateSnapshot(maintenance, message);
    }

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<ServiceStateRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == ServiceStateRow.SingletonId, ct);
        _current = new ServiceStateSnapshot(row?.Maintenance ?? false, row?.MaintenanceMessage);
    }
}

public sealed record ServiceStateSnapshot(bool Maintenance, string? Message);
