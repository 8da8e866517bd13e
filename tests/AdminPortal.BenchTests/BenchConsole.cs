using AdminPortal.Bench;

namespace AdminPortal.BenchTests;

/// <summary>Runs the driver's <c>Main</c> as a shell would, with what it prints to stdout and stderr captured.</summary>
internal static class BenchConsole
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
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
