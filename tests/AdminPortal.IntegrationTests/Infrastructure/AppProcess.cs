using System.Diagnostics;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>The real built app run as a process, as an operator would run it, with what it printed.</summary>
public static class AppProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>dotnet AdminPortal.dll args…</c> in Development with Hangfire in memory; fails if it has not exited within a minute.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, Dictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AdminPortal.dll"), .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Hangfire__Storage"] = "InMemory";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app kept running although it should have stopped.");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
