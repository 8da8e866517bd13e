using AdminPortal.Features.Alerts.Reconnect;
using Hangfire;

namespace AdminPortal.Features.Alerts;

/// <summary>The recurring entries (registered with the other schedules in Jobs): <c>alerts-check</c> and <c>reconnect-prompts</c>.</summary>
public sealed class AlertJobs(AlertChecker checker, ReconnectPrompts prompts)
{
    public const string CheckId = "alerts-check";
    public const string ReconnectId = "reconnect-prompts";

    /// <summary>The next check is the retry: a failed send stays owed on its incident.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public Task CheckAsync(CancellationToken ct) => checker.CheckAsync(ct);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public Task PromptReconnectsAsync(CancellationToken ct) => prompts.SendAsync(ct);
}
