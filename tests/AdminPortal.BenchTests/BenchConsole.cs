using AdminPortal.Bench;

namespace AdminPortal.BenchTests;

/// <summary>Runs the driver's <c>Main</c> as a shell would, with what it prints to stdout and stderr captured.</summary>
internal static class BenchConsole
{
    // Console.Out is one for the process: two captures at once (xunit runs test classes in parallel) swapped each other's
    // writers and one test read an empty string (seen in CI). One capture at a time.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        await OneAtATime.WaitAsync();
        try
        {
            return await CaptureAsync(args);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> CaptureAsync(string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var (outBefore, errorBefore) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            return (await BenchMain.Main(args), output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(outBefore);
            Console.SetError(errorBefore);
        }
    }
}
