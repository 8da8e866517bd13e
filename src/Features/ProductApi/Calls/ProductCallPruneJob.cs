using AdminPortal.Data;
using AdminPortal.Features.Ifttt.RequestLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.ProductApi.Calls;

/// <summary>
/// Deletes product calls older than the request log keeps IFTTT requests (<c>Ifttt:RequestLog:RetentionDays</c>):
/// a call is read beside the request that caused it, so both go at the same age.
/// </summary>
public sealed class ProductCallPruneJob(IDbContextFactory<AppDbContext> dbFactory, IOptions<RequestLogOptions> options, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var threshold = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ProductCall>().Where(c => c.At < threshold).ExecuteDeleteAsync(ct);
    }
}
