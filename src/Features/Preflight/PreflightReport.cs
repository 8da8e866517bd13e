namespace AdminPortal.Features.Preflight;

/// <summary>The results of one run, in the order the tests ran.</summary>
public sealed class PreflightReport
{
    private readonly List<PreflightResult> _results = [];

    public IReadOnlyList<PreflightResult> Results => _results;

    /// <summary>Records <paramref name="test"/> as passed (no problem) or failed; returns whether it passed.</summary>
    public bool Check(string test, PreflightExchange exchange, PreflightProblem? problem)
    {
        _results.Add(exchange.Result(test, problem));
        return problem is null;
    }

    public void Skip(string test, string method, string path, string why) =>
        _results.Add(new PreflightResult(test, method, path, null, "", PreflightOutcome.Skipped, why));
}
