using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Sunset;

/// <summary>
/// Whether the service has been sunset, held in memory because every IFTTT request asks. Loaded at
/// start-up from the completed plan; flipped by the T-0 job.
/// </summary>
public sealed class ServiceLifecycle
{
    private volatile string? _sunsetMessage;

    public bool IsSunset => _sunsetMessage is not null;

    /// <summary>What IFTTT and users are told once the service is gone.</summary>
    public string? SunsetMessage => _sunsetMessage;

    internal void MarkSunset(string message) => _sunsetMessage = message;

    public static string MessageFor(SunsetPlan plan) =>
        $"This service was retired on {plan.SunsetAt:d MMMM yyyy}. {plan.MessageToUsers}".Trim();

    internal sealed class Loader(ServiceLifecycle lifecycle) : IStartupTask
    {
        public async Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var completed = await db.Set<SunsetPlan>().AsNoTracking()
                .Where(p => p.State == SunsetPlanState.Completed).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
            if (completed is not null)
            {
                lifecycle.MarkSunset(MessageFor(completed));
            }
        }
    }
}
