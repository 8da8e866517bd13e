using AdminPortal.Data;
using AdminPortal.Features.OAuth.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts.Rules;

/// <summary>
/// A user in "Likely disabled" token health: IFTTT has most likely switched off their Applets (15 failed checks in 14
/// days). One incident per user, so each user entering the state is heard once, and it clears when they recover.
/// </summary>
internal sealed class LikelyDisabledRule(IOptions<AlertOptions> options) : IAlertRule
{
    /// <summary>A bad day must not become thousands of incidents: beyond this many users they are one incident.</summary>
    public const int MaxUsersNamed = 50;

    public string Name => AlertRuleNames.LikelyDisabled;
    public bool Enabled => options.Value.Rules.LikelyDisabled.Enabled;

    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var users = await (from h in db.Set<TokenHealthRecord>()
                           join u in db.Users on h.UserId equals u.Id
                           where h.State == TokenHealthState.LikelyDisabled && !u.IsTestUser
                           orderby h.UserId
                           select new { h.UserId, u.Email, h.FailedChecks, h.LastFailureReason })
            .Take(MaxUsersNamed + 1).ToListAsync(ct);
        const string advice = "Open the user's page in the dashboard: the check history shows why IFTTT's calls fail (revoked, invalid_grant, product link). " +
            "The user must reconnect on IFTTT; they were sent a reconnect email when their checks began to fail.";
        if (users.Count > MaxUsersNamed)
        {
            return [new("many", $"More than {MaxUsersNamed} users are in \"Likely disabled\" token health: IFTTT has most likely switched off their Applets.",
                "Something broke for everyone (certificates replaced without the previous ones, the OAuth client changed, the product refusing refreshes): see the Users page's token health and the token checks. " + advice)];
        }
        return [.. users.Select(u => new AlertCondition(u.UserId,
            $"{u.Email ?? u.UserId} is in \"Likely disabled\" token health ({u.FailedChecks} failed checks, the last: {u.LastFailureReason ?? "unknown"}): IFTTT has most likely switched off their Applets.",
            advice))];
    }
}
