using AdminPortal.Bench.Report;

namespace AdminPortal.Bench;

/// <summary><c>dotnet run -c Release --project bench/AdminPortal.Bench [-- --quick]</c>; options in bench/README.md.</summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        // Every run stops by itself: the whole run is bounded, and so is every scenario inside it.
        using var cts = new CancellationTokenSource(options.Quick ? TimeSpan.FromMinutes(5 * options.Providers.Count) : TimeSpan.FromMinutes(45 * options.Providers.Count));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        IReadOnlyList<BenchReport> passes;
        try
        {
            passes = await BenchRun.RunAllAsync(options, line => Console.WriteLine(line), cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // The disposals on the way out stopped the app processes and removed a PostgreSQL cluster.
            Console.Error.WriteLine("Stopped (Ctrl-C or the run's time bound): app processes and any PostgreSQL cluster removed, no results written.");
            return 130;
        }
        foreach (var report in passes)
        {
            Console.WriteLine();
            Console.WriteLine(ReportWriter.Table(report));
        }
        if (passes.Count > 1)
        {
            Console.WriteLine(ComparisonWriter.Table(passes));
        }
        var path = await ReportWriter.WriteJsonAsync(passes, options.ResultsDirectory!, CancellationToken.None);
        Console.WriteLine($"Results: {path}");
        return passes.All(p => p.AllScenariosClean) ? 0 : 1;
    }
}
