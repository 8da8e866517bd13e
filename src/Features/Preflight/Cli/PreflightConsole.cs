namespace AdminPortal.Features.Preflight.Cli;

/// <summary>One line per test, the reason and the hint under each failure, and a summary line last.</summary>
public static class PreflightConsole
{
    public static async Task WriteAsync(TextWriter output, Uri baseUrl, IReadOnlyList<PreflightResult> results)
    {
        await output.WriteLineAsync($"preflight against {baseUrl}");
        foreach (var r in results)
        {
            var label = r.Outcome switch { PreflightOutcome.Passed => "PASS", PreflightOutcome.Failed => "FAIL", _ => "SKIP" };
            await output.WriteLineAsync($"{label}  {r.Test}  ({r.Method} {r.Path})");
            if (r.Outcome == PreflightOutcome.Failed)
            {
                await output.WriteLineAsync($"      why: {r.Why}");
                await output.WriteLineAsync($"      fix: {r.Fix}");
                await output.WriteLineAsync($"      got: {r.Excerpt.ReplaceLineEndings(" ")}");
            }
            else if (r.Outcome == PreflightOutcome.Skipped)
            {
                await output.WriteLineAsync($"      why: {r.Why}");
            }
        }
        await output.WriteLineAsync(Summary(results));
    }

    public static string Summary(IReadOnlyList<PreflightResult> results) =>
        $"preflight: {Count(results, PreflightOutcome.Passed)} passed, {Count(results, PreflightOutcome.Failed)} failed, {Count(results, PreflightOutcome.Skipped)} skipped";

    private static int Count(IReadOnlyList<PreflightResult> results, PreflightOutcome outcome) => results.Count(r => r.Outcome == outcome);
}
