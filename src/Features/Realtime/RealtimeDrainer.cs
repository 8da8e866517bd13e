using AdminPortal.Data;
using AdminPortal.Features.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// Turns pending notifications into batches and sends the batches that are due. One drain at a time per process (the
/// in-process dispatcher and the Hangfire safety-net job share this gate). Across instances sharing a PostgreSQL database
/// (docs/decisions/0028) the rows are claimed instead: pending notifications with <c>FOR UPDATE SKIP LOCKED</c> while
/// they are batched, and each batch with a lease (<see cref="RealtimeBatch.LeaseOwner"/> until
/// <see cref="RealtimeBatch.LeasedUntil"/>, <see cref="RealtimeOptions.Lease"/> long) while it is sent, so each batch is
/// sent by one instance and a dead instance's batch is sent by another once its lease ends. On SQLite, one process, the
/// lease is simply taken.
/// </summary>
public sealed class RealtimeDrainer(
    IDbContextFactory<AppDbContext> dbFactory,
    RealtimeSender sender,
    IRealtimeSql sql,
    DatabaseWriteGate writeGate,
    AppMetrics metrics,
    IOptions<RealtimeOptions> options,
    TimeProvider clock,
    ILogger<RealtimeDrainer> logger)
{
    /// <summary>Pending notifications read per round; bigger backlogs take several rounds.</summary>
    private const int PendingPageSize = 20_000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>This instance's name on the batches it claims: unique per drainer, so two hosts in one process differ too.</summary>
    public string Owner { get; } = $"{Environment.MachineName[..Math.Min(Environment.MachineName.Length, 50)]}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Drains everything due now; returns when the next retry is due, if any.</summary>
    public async Task<DateTimeOffset?> DrainAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!options.Value.Enabled)
            {
                await SkipPendingAsync(ct);
                return null;
            }
            while (await FormBatchesAsync(ct) == PendingPageSize)
            {
            }
            return await SendDueBatchesAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SkipPendingAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var skipped = await db.Set<RealtimeNotification>().Where(n => n.State == NotificationState.Pending)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.State, NotificationState.Skipped), ct);
        if (skipped > 0)
        {
            metrics.RealtimeDelivery("skipped");
        }
    }

    /// <summary>
    /// Collapses duplicates (one identity nudged twice → once) and cuts batches of at most BatchSize. Reads only
    /// the three columns it needs and assigns batches with one set-based UPDATE each, so a large backlog does
    /// not hold SQLite's write lock (which ingest needs) for long; on PostgreSQL the read is inside the transaction
    /// and locks the rows, so another instance forming batches at the same moment takes other notifications.
    /// </summary>
    private async Task<int> FormBatchesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = sql.ClaimsWithRowLocks ? null : await sql.ClaimPendingAsync(db, PendingPageSize, ct);
        if (pending is { Count: 0 })
        {
            return 0;
        }

        using var turn = await writeGate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        pending ??= await sql.ClaimPendingAsync(db, PendingPageSize, ct);
        var now = clock.GetUtcNow();
        var groups = pending
            .GroupBy(n => RealtimeEntry.Of(n.TriggerIdentity, n.UserId))
            .Chunk(options.Value.BatchSize)
            .ToList();
        foreach (var chunk in groups)
        {
            var batch = new RealtimeBatch { RequestId = Guid.NewGuid().ToString(), CreatedAt = now, NextAttemptAt = now, EntryCount = chunk.Length };
            db.Add(batch);
            await db.SaveChangesAsync(ct);
            var ids = chunk.SelectMany(g => g).Select(n => n.Id).ToList();
            await db.Set<RealtimeNotification>().Where(n => ids.Contains(n.Id))
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.BatchId, batch.Id).SetProperty(x => x.State, NotificationState.Batched), ct);
        }
        await transaction.CommitAsync(ct);
        return pending.Count;
    }

    private async Task<DateTimeOffset?> SendDueBatchesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        while (true)
        {
            var now = clock.GetUtcNow();
            var claimed = await sql.ClaimDueBatchAsync(db, Owner, now.UtcTicks, (now + options.Value.Lease).UtcTicks, ct);
            if (claimed is not { } id)
            {
                // The next wake-up: a retry coming due, or another instance's lease running out.
                return await db.Set<RealtimeBatch>().Where(b => b.State == BatchState.Pending)
                    .Select(b => b.LeasedUntil != null && b.LeasedUntil > b.NextAttemptAt ? b.LeasedUntil.Value : b.NextAttemptAt)
                    .OrderBy(due => due).Select(due => (DateTimeOffset?)due).FirstOrDefaultAsync(ct);
            }
            if (await db.Set<RealtimeBatch>().FirstOrDefaultAsync(b => b.Id == id, ct) is { } batch)
            {
                await SendAsync(db, batch, ct);
            }
            db.ChangeTracker.Clear();
        }
    }

    private async Task SendAsync(AppDbContext db, RealtimeBatch batch, CancellationToken ct)
    {
        var entries = (await db.Set<RealtimeNotification>().Where(n => n.BatchId == batch.Id)
                .Select(n => new { n.TriggerIdentity, n.UserId }).ToListAsync(ct))
            .Select(n => RealtimeEntry.Of(n.TriggerIdentity, n.UserId))
            .Distinct().ToList();

        batch.Attempts++;
        using var activity = AppTelemetry.Source.StartActivity("realtime.send");
        activity?.SetTag("adminportal.realtime.entries", entries.Count);
        activity?.SetTag("adminportal.realtime.attempt", batch.Attempts);
        var result = await sender.SendAsync(batch.RequestId, entries, ct);
        var now = clock.GetUtcNow();
        db.Add(new RealtimeCall
        {
            BatchId = batch.Id, RequestId = batch.RequestId, At = now, Attempt = batch.Attempts, EntryCount = entries.Count,
            StatusCode = result.StatusCode, LatencyMs = result.Latency.TotalMilliseconds, Succeeded = result.Succeeded,
            Error = result.Succeeded ? null : result.Error ?? $"HTTP {result.StatusCode}",
        });
        batch.LastStatusCode = result.StatusCode;
        batch.LastError = result.Succeeded ? null : result.Error ?? $"HTTP {result.StatusCode}";

        var outcome = RealtimeRetryPolicy.Decide(result, batch, now, options.Value);
        batch.State = outcome.State;
        batch.NextAttemptAt = outcome.NextAttemptAt;
        batch.CompletedAt = outcome.State == BatchState.Pending ? null : now;

        batch.LeasedUntil = null;

        try
        {
            using (await writeGate.EnterAsync(ct))
            {
                await SaveOutcomeAsync(db, batch, outcome.State, entries, now, ct);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // LeaseOwner changed under us: the send outlasted the lease and another instance took the batch over. Its
            // outcome stands; IFTTT saw the same X-Request-ID twice, as for any retry.
            logger.LogWarning("Realtime batch {BatchId} was taken over by another instance while this one sent it; its outcome is kept", batch.Id);
            return;
        }
        metrics.RealtimeDelivery(outcome.State switch
        {
            BatchState.Delivered => "delivered",
            BatchState.Failed => "failed",
            _ => "retry",
        });
        Log(batch, result, entries.Count);
    }

    private async Task SaveOutcomeAsync(AppDbContext db, RealtimeBatch batch, BatchState state, List<RealtimeEntry> entries, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (state != BatchState.Pending)
        {
            var final = state == BatchState.Delivered ? NotificationState.Delivered : NotificationState.Failed;
            await db.Set<RealtimeNotification>().Where(n => n.BatchId == batch.Id)
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.State, final), ct);
        }
        if (state == BatchState.Delivered)
        {
            await RecordNudgesAsync(db, entries.Where(e => !e.IsUser).Select(e => e.Value), now, ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>Last nudge per identity: one upsert for the whole batch (up to 1000 identities) while holding the write lock.</summary>
    private Task RecordNudgesAsync(AppDbContext db, IEnumerable<string> identities, DateTimeOffset at, CancellationToken ct) =>
        sql.RecordNudgesAsync(db, JsonRows.Values(identities), at.UtcTicks, ct); // UtcTicksConverter's storage form

    private void Log(RealtimeBatch batch, RealtimeCallResult result, int entries)
    {
        switch (batch.State)
        {
            case BatchState.Delivered:
                logger.LogInformation("Realtime batch {BatchId} ({Entries} entries) delivered on attempt {Attempt}", batch.Id, entries, batch.Attempts);
                break;
            case BatchState.Failed:
                logger.LogWarning("Realtime batch {BatchId} ({Entries} entries) failed after {Attempts} attempt(s): {Status} {Error}",
                    batch.Id, entries, batch.Attempts, result.StatusCode, result.Error);
                break;
            default:
                logger.LogInformation("Realtime batch {BatchId} attempt {Attempt} got {Status}; retrying at {NextAttempt}",
                    batch.Id, batch.Attempts, result.StatusCode?.ToString() ?? result.Error, batch.NextAttemptAt);
                break;
        }
    }
}
