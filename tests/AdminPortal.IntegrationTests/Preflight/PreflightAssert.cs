using AdminPortal.Features.Preflight;

namespace AdminPortal.IntegrationTests.Preflight;

public static class PreflightAssert
{
    public static string Describe(IEnumerable<PreflightResult> results) =>
        string.Join("\n", results.Select(r => $"{r.Outcome} {r.Test} ({r.Method} {r.Path}) {r.Why} | {r.Excerpt}"));

    /// <summary>Nothing failed; every test ran except those in <paramref name="skipped"/>.</summary>
    public static void Green(IReadOnlyList<PreflightResult> results, params string[] skipped)
    {
        Assert.True(results.All(r => r.Outcome != PreflightOutcome.Failed), Describe(results.Where(r => r.Outcome == PreflightOutcome.Failed)));
        Assert.Equal(skipped.Order(), results.Where(r => r.Outcome == PreflightOutcome.Skipped).Select(r => r.Test).Order());
    }

    /// <summary>The one test that must fail, with its reason; every other test passed or was skipped.</summary>
    public static PreflightResult FailsOnly(IReadOnlyList<PreflightResult> results, string test)
    {
        var failed = results.Where(r => r.Outcome == PreflightOutcome.Failed).ToList();
        Assert.True(failed.Count == 1 && failed[0].Test == test, $"Expected only '{test}' to fail:\n{Describe(failed)}");
        Assert.False(string.IsNullOrWhiteSpace(failed[0].Fix));
        return failed[0];
    }
}
