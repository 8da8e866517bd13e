using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Alerts;

/// <summary>
/// One check: every rule is evaluated against the state as it is now; a condition without an open incident opens one, an
/// open incident whose condition is gone (or whose rule was turned off) is cleared. Then every notice still owed is sent.
/// A rule that throws is logged and left as it was — its incidents neither open nor clear on a check that could not see.
/// </summary>
public sealed class AlertChecker(
    IDbContextFactory<AppDbContext> dbFactory,
    IEnumerable<IAlertRule> rules,
    AlertNotifier notifier,
    TimeProvider clock,
    ILogger<AlertChecker> logger)
{
    public async Task CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var rule in rules)
        {
            IReadOnlyList<AlertCondition> conditions;
            try
            {
                conditions = rule.Enabled ? await rule.EvaluateAsync(db, now, ct) : [];
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The alert rule {Rule} could not be checked", rule.Name);
                continue;
            }
            await ApplyAsync(db, rule.Name, conditions, now, ct);
        }
        await notifier.SendOwedAsync(db, ct);
    }

    private async Task ApplyAsync(AppDbContext db, string rule, IReadOnlyList<AlertCondition> conditions, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Set<AlertIncident>().Where(i => i.Rule == rule && i.ClearedAt == null).ToDictionaryAsync(i => i.Subject, StringComparer.Ordinal, ct);
        foreach (var condition in conditions.DistinctBy(c => c.Subject))
        {
            if (open.Remove(condition.Subject, out var incident))
            {
                incident.LastSeenAt = now;
                incident.Summary = Fit(condition.Summary);
                incident.Advice = Fit(condition.Advice);
                continue;
            }
            logger.LogWarning("Alert {Rule} opened: {Summary}", rule, condition.Summary);
            db.Add(new AlertIncident
            {
                Rule = rule, Subject = condition.Subject, Summary = Fit(condition.Summary), Advice = Fit(condition.Advice),
                OpenedAt = now, LastSeenAt = now,
            });
        }
        foreach (var gone in open.Values)
        {
            logger.LogInformation("Alert {Rule} cleared: {Summary}", rule, gone.Summary);
            gone.ClearedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    private static string Fit(string text) => text.Length > 1000 ? text[..1000] : text;
}
