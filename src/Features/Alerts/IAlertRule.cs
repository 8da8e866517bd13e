using AdminPortal.Data;

namespace AdminPortal.Features.Alerts;

/// <summary>A condition that holds right now: the subject it is about, what is wrong and what to do.</summary>
public sealed record AlertCondition(string Subject, string Summary, string Advice);

/// <summary>
/// One named rule. It reads the app's state as it is now and returns every condition that holds; the checker turns
/// new ones into incidents and clears incidents whose condition is gone.
/// </summary>
public interface IAlertRule
{
    /// <summary>One of <see cref="AlertRuleNames"/>.</summary>
    string Name { get; }

    bool Enabled { get; }

    Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct);
}
