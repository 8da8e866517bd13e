using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>SQLite's statements for the request log: JSON rows unpacked with <c>json_each</c> and <c>-&gt;&gt;</c>.</summary>
public sealed class SqliteRequestLogSql : IRequestLogSql
{
    // ORDER BY key keeps arrival order (ids ascend with time).
    public async Task InsertAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "IftttRequestLog" ("At", "RequestId", "Method", "Endpoint", "UserId", "TriggerIdentity", "Status", "LatencyMs", "Items", "Realtime", "TestMode", "Error")
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11
            FROM json_each({rows}) ORDER BY key
            """, ct);
}
