using System.Diagnostics;
using AdminPortal.Data;
using AdminPortal.Features.Service;
using AdminPortal.Features.Telemetry;
using AdminPortal.Features.Timelines;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.Actions;

/// <summary>
/// Runs an action exactly once per X-Request-ID: validate fields (a value that can never work is a
/// SKIP), claim the request id with a pending log row, run the handler, record the outcome.
/// A repeat of a finished request answers the first outcome with no second side effect; a repeat
/// of one that errored runs again (IFTTT retries errors on purpose), and so does one whose claim was
/// abandoned by a stopped process.
/// </summary>
public sealed class ActionRunner(AppDbContext db, AttributeValues seen, IServiceProvider services, AppMetrics metrics, TimeProvider clock)
{
    /// <summary>
    /// A claim older than this was left by a process that stopped mid-action; a retry takes it over
    /// instead of answering "still being processed" forever.
    /// </summary>
    public static readonly TimeSpan AbandonedClaimAge = TimeSpan.FromMinutes(2);

    public async Task<ActionOutcome> RunAsync(ActionDefinition action, string userId, string? requestId,
        IReadOnlyDictionary<string, string?> fields, string fieldsJson, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var entry = requestId is null ? null : await FindAsync(userId, action.Slug, requestId, ct);
        var abandoned = entry is { Outcome: ActionOutcomes.Pending } && clock.GetUtcNow() - entry.CreatedAt > AbandonedClaimAge;
        if (entry is { Outcome: ActionOutcomes.Success or ActionOutcomes.Skip or ActionOutcomes.Pending } && !abandoned)
        {
            return Replay(entry);
        }
        if (entry is not null && !await ReclaimAsync(entry, ct))
        {
            // Another retry of the same request took the claim between our read and now: answer what it answers.
            db.ChangeTracker.Clear();
            return Replay((await FindAsync(userId, action.Slug, requestId!, ct))!);
        }
        if (entry is null)
        {
            entry = new ActionLogEntry
            {
                Id = Ulid.New(clock.GetUtcNow()), UserId = userId, Action = action.Slug, RequestId = requestId,
                Fields = fieldsJson, Outcome = ActionOutcomes.Pending, CreatedAt = clock.GetUtcNow(),
            };
            db.Add(entry);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (requestId is not null)
            {
                // The same request id raced in concurrently and claimed it first: answer what it answers.
                db.ChangeTracker.Clear();
                return Replay((await FindAsync(userId, action.Slug, requestId, ct))!);
            }
        }

        ActionOutcome outcome;
        using (var activity = AppTelemetry.Source.StartActivity("ifttt.action"))
        {
            activity?.SetTag("adminportal.action", action.Slug);
            outcome = await CheckAsync(action, userId, fields, ct) ?? await HandleAsync(action, entry, userId, fields, requestId, ct);
        }
        (entry.Outcome, entry.ResultId, entry.ResultUrl, entry.Message) = outcome switch
        {
            ActionOutcome.Success s => (ActionOutcomes.Success, s.Id, s.Url, (string?)null),
            ActionOutcome.Skip s => (ActionOutcomes.Skip, null, null, s.Message),
            ActionOutcome.Fail f => (ActionOutcomes.Error, null, null, f.Message),
            // Recorded as an error so a retry after the user reconnects runs the action again.
            ActionOutcome.Unauthorized u => (ActionOutcomes.Error, null, null, u.Message),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
        var elapsed = Stopwatch.GetElapsedTime(started);
        entry.LatencyMs = Math.Round(elapsed.TotalMilliseconds, 2);
        // Replays of a finished request are not counted: IFTTT's retry is not a second run.
        metrics.Action(action.Slug, entry.Outcome, elapsed);
        entry.CompletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None); // the side effect happened: record it even if IFTTT hung up
        return outcome;
    }

    /// <summary>Field rules and the SKIP-unless-seen rule; null when the action may run.</summary>
    private async Task<ActionOutcome?> CheckAsync(ActionDefinition action, string userId, IReadOnlyDictionary<string, string?> fields, CancellationToken ct)
    {
        foreach (var field in action.Fields)
        {
            var value = fields.GetValueOrDefault(field.Slug);
            if (FieldRules.Check(field, value) is { } problem)
            {
                return new ActionOutcome.Skip(problem);
            }
            if (field.SkipUnlessSeen && !string.IsNullOrEmpty(value) && !await seen.HasSeenAsync(userId, field.Matches, value, ct))
            {
                return new ActionOutcome.Skip($"{field.Label} '{value}' has never been reported for your account.");
            }
        }
        return null;
    }

    private async Task<ActionOutcome> HandleAsync(ActionDefinition action, ActionLogEntry entry, string userId,
        IReadOnlyDictionary<string, string?> fields, string? requestId, CancellationToken ct)
    {
        var handler = services.GetRequiredKeyedService<IActionHandler>(action.Handler);
        try
        {
            return await handler.RunAsync(new ActionRequest(entry.Id, userId, action, fields, requestId), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ActionOutcome.Fail($"The action failed: {ex.Message}");
        }
    }

    /// <summary>
    /// A retry of an errored (or abandoned) run claims the row again, conditionally on the outcome it read, so two
    /// retries arriving together run the handler once, not twice.
    /// </summary>
    private async Task<bool> ReclaimAsync(ActionLogEntry entry, CancellationToken ct)
    {
        var seen = entry.Outcome;
        var claimed = await db.Set<ActionLogEntry>().Where(e => e.Id == entry.Id && e.Outcome == seen)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Outcome, ActionOutcomes.Pending), ct);
        // The tracked row must know the database now says pending, or an "error" again would not be written back.
        db.Entry(entry).Property(e => e.Outcome).OriginalValue = ActionOutcomes.Pending;
        return claimed == 1;
    }

    private Task<ActionLogEntry?> FindAsync(string userId, string action, string requestId, CancellationToken ct) =>
        db.Set<ActionLogEntry>().FirstOrDefaultAsync(e => e.UserId == userId && e.Action == action && e.RequestId == requestId, ct);

    private static ActionOutcome Replay(ActionLogEntry entry) => entry.Outcome switch
    {
        ActionOutcomes.Success => new ActionOutcome.Success(entry.ResultId!, entry.ResultUrl),
        ActionOutcomes.Skip => new ActionOutcome.Skip(entry.Message ?? "Skipped."),
        ActionOutcomes.Pending => new ActionOutcome.Fail("The same request is still being processed; retry later."),
        _ => new ActionOutcome.Fail(entry.Message ?? "The action failed."),
    };
}
