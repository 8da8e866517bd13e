using System.Text.Json;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>
/// Writes queued request-log rows in batches, so logging never adds a write to IFTTT's latency. A batch is one
/// INSERT (the rows travel as one JSON array) rather than an EF entity per request: at thousands of polls a second
/// this writer runs all the time, beside the requests it logs.
/// </summary>
public sealed class RequestLogWriter(IDbContextFactory<AppDbContext> dbFactory, DatabaseWriteGate writeGate, ILogger<RequestLogWriter> logger)
    : BatchWriter<RequestLogEntry>(writeGate, logger)
{
    protected override async Task WriteBatchAsync(IReadOnlyList<RequestLogEntry> batch, CancellationToken ct)
    {
        var rows = JsonSerializer.Serialize(batch.Select(e => new object?[]
        {
            e.At.ToUnixTimeMilliseconds(), e.RequestId, e.Method, e.Endpoint, e.UserId, e.TriggerIdentity, e.Status, e.LatencyMs,
            e.Items, e.Realtime ? 1 : 0, e.TestMode ? 1 : 0, e.Error,
        }));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "IftttRequestLog" ("At", "RequestId", "Method", "Endpoint", "UserId", "TriggerIdentity", "Status", "LatencyMs", "Items", "Realtime", "TestMode", "Error")
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11
            FROM json_each({rows}) ORDER BY key
            """, ct);
    }
}
