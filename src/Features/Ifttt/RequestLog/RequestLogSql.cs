using AdminPortal.Data;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>The request log's provider-specific statements (<c>IftttRequestLog</c>), its one seam.</summary>
public interface IRequestLogSql
{
    /// <summary>
    /// Rows, in arrival order: [at ms, requestId, method, endpoint, userId, triggerIdentity, status, latencyMs, items,
    /// realtime 0|1, testMode 0|1, error].
    /// </summary>
    Task InsertAsync(AppDbContext db, string rows, CancellationToken ct);
}
