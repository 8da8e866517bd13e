using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ifttt.RequestLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts.Rules;

/// <summary>
/// An action that errs, or a trigger whose polls are answered 5xx, for more than N distinct users in the window: one
/// incident per action or trigger, so a second one breaking while the first is open is heard too.
/// </summary>
internal sealed class FailingForUsersRule(IOptions<AlertOptions> options) : IAlertRule
{
    private const string TriggerPrefix = "triggers/";

    private FailingForUsersRuleOptions Options => options.Value.Rules.FailingForUsers;

    public string Name => AlertRuleNames.FailingForUsers;
    public bool Enabled => Options.Enabled;

    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddMinutes(-Options.WindowMinutes);
        var testUsers = db.Users.Where(u => u.IsTestUser).Select(u => u.Id);
        var actions = await db.Set<ActionLogEntry>()
            .Where(a => a.CreatedAt >= since && a.Outcome == ActionOutcomes.Error && !testUsers.Contains(a.UserId))
            .GroupBy(a => a.Action).Select(g => new { Name = g.Key, Users = g.Select(a => a.UserId).Distinct().Count() })
            .Where(g => g.Users > Options.Users).ToListAsync(ct);
        var triggers = await db.Set<RequestLogEntry>()
            .Where(e => e.At >= since && e.Status >= 500 && e.UserId != null && !e.TestMode && e.Endpoint.StartsWith(TriggerPrefix)
                && !testUsers.Contains(e.UserId))
            .GroupBy(e => e.Endpoint).Select(g => new { Name = g.Key, Users = g.Select(e => e.UserId).Distinct().Count() })
            .Where(g => g.Users > Options.Users).ToListAsync(ct);

        return
        [
            .. actions.Select(a => new AlertCondition($"action:{a.Name}",
                $"The action {a.Name} failed for {a.Users} users in the last {Options.WindowMinutes} min (limit {Options.Users}).",
                $"Open Actions filtered by {a.Name} and outcome error: the message and the product calls say why (the product down, a changed API, an expired service token); fix it there or in the action's Request block.")),
            .. triggers.Select(t => new AlertCondition($"trigger:{t.Name[TriggerPrefix.Length..]}",
                $"Polls of {t.Name} were answered with a server error for {t.Users} users in the last {Options.WindowMinutes} min (limit {Options.Users}).",
                $"Open IFTTT traffic filtered by the endpoint {t.Name} and status 5xx for the error, then the app's log.")),
        ];
    }
}
