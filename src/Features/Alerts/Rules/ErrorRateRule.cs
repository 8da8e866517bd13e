using AdminPortal.Data;
using AdminPortal.Features.Ifttt.RequestLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts.Rules;

/// <summary>
/// The share of IFTTT's requests answered 5xx in the window. 4xx are left out: they are IFTTT's routine (expired tokens,
/// its endpoint tests' bad requests), and a user's failing link has its own signals (token health, reconnect emails).
/// IFTTT's test mode and test users are left out as on the Overview.
/// </summary>
internal sealed class ErrorRateRule(IOptions<AlertOptions> options) : IAlertRule
{
    private ErrorRateRuleOptions Options => options.Value.Rules.ErrorRate;

    public string Name => AlertRuleNames.ErrorRate;
    public bool Enabled => Options.Enabled;

    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddMinutes(-Options.WindowMinutes);
        var testUsers = db.Users.Where(u => u.IsTestUser).Select(u => u.Id);
        var window = db.Set<RequestLogEntry>().Where(e => e.At >= since && !e.TestMode && e.Endpoint != RequestLogQueries.TestSetupEndpoint
            && (e.UserId == null || !testUsers.Contains(e.UserId)));
        var requests = await window.CountAsync(ct);
        if (requests < Options.MinRequests)
        {
            return [];
        }
        var errors = await window.CountAsync(e => e.Status >= 500, ct);
        var percent = 100.0 * errors / requests;
        return percent <= Options.Percent ? [] :
        [
            new("", $"{percent:0.#} % of IFTTT's requests in the last {Options.WindowMinutes} min were answered with a server error ({errors} of {requests}; limit {Options.Percent} %).",
                "Open IFTTT traffic with status 5xx to see which endpoints fail and their error, then the app's log; a product behind actions or queries that is down shows on the Actions page."),
        ];
    }
}
