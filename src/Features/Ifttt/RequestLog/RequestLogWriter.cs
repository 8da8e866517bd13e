using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>
/// Writes queued request-log rows in batches, so logging never adds a write to IFTTT's latency. A batch is one
/// INSERT (the rows travel as one <see cref="JsonRows"/> parameter; the SQL is <see cref="IRequestLogSql"/>'s) rather than an EF entity per request: at thousands of polls a second
/// this writer runs all the time, beside the requests it logs.
/// </summary>
public sealed class RequestLogWriter(IDbContextFactory<AppDbContext> dbFactory, IRequestLogSql sql, DatabaseWriteGate writeGate, ILogger<RequestLogWriter> logger)
    : BatchWriter<RequestLogEntry>(writeGate, logger)
{
    protected override async Task WriteBatchAsync(IReadOnlyList<RequestLogEntry> batch, CancellationToken ct)
    {
        var rows = new JsonRows(batch.Count * 160);
        foreach (var e in batch)
        {
            rows.Row(w =>
            {
                w.WriteNumberValue(e.At.ToUnixTimeMilliseconds());
                Text(w, e.RequestId);
                w.WriteStringValue(e.Method);
                w.WriteStringValue(e.Endpoint);
                Text(w, e.UserId);
                Text(w, e.TriggerIdentity);
                w.WriteNumberValue(e.Status);
                w.WriteNumberValue(e.LatencyMs);
                if (e.Items is { } items)
                {
                    w.WriteNumberValue(items);
                }
                else
                {
                    w.WriteNullValue();
                }
                w.WriteNumberValue(e.Realtime ? 1 : 0);
                w.WriteNumberValue(e.TestMode ? 1 : 0);
                Text(w, e.Error);
            });
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await sql.InsertAsync(db, rows.ToJson(), ct);
    }

    private static void Text(System.Text.Json.Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }
}
