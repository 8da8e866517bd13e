using AdminPortal.Data;
using AdminPortal.Data.Cluster;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Sunset;

/// <summary>
/// Whether the service has been sunset, held in memory because every IFTTT request asks. Loaded at
/// start-up from the completed plan; flipped by the T-0 job, which tells the other instances on the same database
/// through the cluster change feed (decision 0027) so they answer 503 within seconds too.
/// </summary>
public sealed class ServiceLifecycle
{
    public const string Topic = "sunset";

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private volatile string? _sunsetMessage;

    public ServiceLifecycle(IDbContextFactory<AppDbContext> dbFactory, ClusterChangeFeed feed)
    {
        _dbFactory = dbFactory;
        // Another instance's T-0 carries its message; a lost feed (null) reloads the completed plan.
        feed.Subscribe(Topic, async (message, ct) =>
        {
            if (message is not null)
            {
                MarkSunset(message);
                return;
            }
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            await LoadAsync(db, ct);
        });
    }

    public bool IsSunset => _sunsetMessage is not null;

    /// <summary>What IFTTT and users are told once the service is gone.</summary>
    public string? SunsetMessage => _sunsetMessage;

    internal void MarkSunset(string message) => _sunsetMessage = message;

    public static string MessageFor(SunsetPlan plan) =>
        $"This service was retired on {plan.SunsetAt:d MMMM yyyy}. {plan.MessageToUsers}".Trim();

    private async Task LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var completed = await db.Set<SunsetPlan>().AsNoTracking()
            .Where(p => p.State == SunsetPlanState.Completed).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        if (completed is not null)
        {
            MarkSunset(MessageFor(completed));
        }
    }

    internal sealed class Loader(ServiceLifecycle lifecycle) : IStartupTask
    {
        public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
            lifecycle.LoadAsync(services.GetRequiredService<AppDbContext>(), ct);
    }
}
