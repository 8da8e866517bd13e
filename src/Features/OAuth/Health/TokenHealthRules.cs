namespace AdminPortal.Features.OAuth.Health;

/// <summary>
/// IFTTT's rule, as published: it calls user/info about every 7 days, more often after problems, and
/// disables a user's Applets after 15 failed checks across two weeks. A success (a good user/info
/// check, a refresh or a new link) clears the count; an expired access token is routine and not counted.
/// </summary>
public static class TokenHealthRules
{
    public const int DisableAfterFailures = 15;
    public static readonly TimeSpan DisableWindow = TimeSpan.FromDays(14);

    /// <param name="since">The user's events from the last success on (all of them when there was none), any order.</param>
    /// <param name="lastCheckAt">The user's last user/info call, whatever its outcome.</param>
    public static void Apply(TokenHealthRecord record, IReadOnlyCollection<TokenCheck> since, DateTimeOffset? lastCheckAt,
        bool connected, DateTimeOffset now)
    {
        var lastSuccess = since.Where(c => c.Succeeded).Select(c => (DateTimeOffset?)c.At).Max();
        var failures = since.Where(c => c.CountsAsFailure && (lastSuccess is null || c.At > lastSuccess))
            .OrderBy(c => c.At).ToList();

        record.LastSuccessAt = lastSuccess;
        record.LastCheckAt = lastCheckAt;
        record.FailedChecks = failures.Count;
        record.FirstFailureAt = failures.FirstOrDefault()?.At;
        record.LastFailureAt = failures.LastOrDefault()?.At;
        record.LastFailureReason = failures.LastOrDefault()?.Reason;
        record.UpdatedAt = now;
        // Ordered by time, then by row id: a break recorded in the same tick as the link it ends still comes after it.
        var lastSuccessEvent = since.Where(c => c.Succeeded).MaxBy(c => (c.At, c.Id));
        var productLinkBroken = since.Any(c => c.Kind == TokenCheckKind.ProductLink && !c.Succeeded
            && (lastSuccessEvent is null || (c.At, c.Id).CompareTo((lastSuccessEvent.At, lastSuccessEvent.Id)) > 0));
        record.State = productLinkBroken ? TokenHealthState.ProductLinkBroken
            : !connected ? TokenHealthState.Disconnected
            : failures.Count == 0 ? TokenHealthState.Healthy
            : HasDisablingRun(failures) ? TokenHealthState.LikelyDisabled
            : TokenHealthState.Failing;
    }

    /// <summary>Any 15 consecutive failures that fit in 14 days.</summary>
    private static bool HasDisablingRun(List<TokenCheck> failures)
    {
        for (var i = 0; i + DisableAfterFailures - 1 < failures.Count; i++)
        {
            if (failures[i + DisableAfterFailures - 1].At - failures[i].At <= DisableWindow)
            {
                return true;
            }
        }
        return false;
    }
}
