using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>PostgreSQL's statements for the request log: JSON rows unpacked with <c>json_array_elements</c>, cast to the columns' types.</summary>
public sealed class PostgresRequestLogSql : IRequestLogSql
{
    // ORDER BY the row's position keeps arrival order (ids ascend with time).
    public async Task InsertAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "IftttRequestLog" ("At", "RequestId", "Method", "Endpoint", "UserId", "TriggerIdentity", "Status", "LatencyMs", "Items", "Realtime", "TestMode", "Error")
            SELECT (r ->> 0)::bigint, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, (r ->> 6)::integer, (r ->> 7)::double precision,
                   (r ->> 8)::integer, (r ->> 9)::integer <> 0, (r ->> 10)::integer <> 0, r ->> 11
            FROM json_array_elements({rows}::json) WITH ORDINALITY AS p(r, n) ORDER BY n
            """, ct);
}
