using System.Diagnostics;
using AdminPortal.Bench.Database;

namespace AdminPortal.Bench.Harness;

/// <summary>
/// The app processes of one pass over one database: one, or several on PostgreSQL (<c>--instances</c>), each on its
/// own port, all configured alike (same database, Data Protection keys, development certificates and issuer — what a
/// multi-instance deployment shares). Started one after another, so only the first installs Hangfire's schema.
/// Memory figures are the largest instance's.
/// </summary>
public sealed class AppInstances : IAsyncDisposable
{
    private readonly List<AppProcess> _processes;

    private AppInstances(List<AppProcess> processes) => _processes = processes;

    public IReadOnlyList<Uri> BaseAddresses => _processes.Select(p => p.BaseAddress).ToList();

    /// <summary>Starts <paramref name="ports"/>.Count instances; the first port is the issuer every token names.</summary>
    public static async Task<AppInstances> StartAsync(string appDll, string appRoot, BenchDatabase database, IReadOnlyList<int> ports, Uri realtimeUrl,
        IReadOnlyDictionary<string, string> environment, IEnumerable<KeyValuePair<string, string>> settings, Action<string> log, CancellationToken ct)
    {
        var issuer = IssuerFor(ports[0]);
        var processes = new List<AppProcess>();
        try
        {
            var shared = settings.ToList();
            foreach (var port in ports)
            {
                var started = Stopwatch.StartNew();
                var app = await AppProcess.StartAsync(appDll, appRoot, database, issuer, port, realtimeUrl, environment, shared, ct);
                processes.Add(app);
                log($"App (pid {app.ProcessId}, {BenchDatabase.DisplayName(database.Provider)}) serving at {app.BaseAddress} after {started.Elapsed.TotalSeconds:0.0} s.");
            }
            return new AppInstances(processes);
        }
        catch
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
            throw;
        }
    }

    public static Uri IssuerFor(int port) => new($"http://127.0.0.1:{port}/");

    /// <summary>The largest instance's peak since the last call, in bytes.</summary>
    public long TakeWindowPeak() => _processes.Max(p => p.TakeWindowPeak());

    public long? PeakResident() => _processes.Select(p => p.PeakResident()).Max();

    public long PeakSampledRss => _processes.Max(p => p.PeakSampledRss);

    public IReadOnlyList<string> Output => _processes.SelectMany(p => p.Output).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
