using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>Deletes request-log rows older than the retention period. Events are never pruned.</summary>
public sealed class RequestLogPruneJob(IDbContextFactory<AppDbContext> dbFactory, IOptions<RequestLogOptions> options, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var threshold = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<RequestLogEntry>().Where(e => e.At < threshold).ExecuteDeleteAsync(ct);
    }
}
