using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminPortal.Features.Health;

internal sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            // A real query against a migrated table, not just an open connection.
            var users = await db.Users.CountAsync(ct);
            return HealthCheckResult.Healthy($"{users} user(s)");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The application database cannot be queried: " + ex.Message);
        }
    }
}
