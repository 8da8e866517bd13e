namespace AdminPortal.Features.Preflight;

public enum PreflightOutcome { Passed, Failed, Skipped }

/// <summary>
/// One test of the preflight, as IFTTT's endpoint and authentication tests would report it, plus what to do about a
/// failure. <paramref name="Excerpt"/> is the status line and the first <see cref="PreflightExchange.ExcerptLength"/>
/// characters of the answer, so a failure can be read without re-running the request.
/// </summary>
public sealed record PreflightResult(
    string Test,
    string Method,
    string Path,
    int? Status,
    string Excerpt,
    PreflightOutcome Outcome,
    string? Why = null,
    string? Fix = null);

/// <summary>What went wrong with an answer and a concrete hint to fix it.</summary>
public sealed record PreflightProblem(string Why, string Fix);
