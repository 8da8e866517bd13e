using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AdminPortal.Bench.Database;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench.Harness;

/// <summary>
/// The real app as a separate process on Kestrel (<c>dotnet AdminPortal.dll --urls …</c>) over a bench database,
/// Development environment, embedded defaults except the bench's files, keys, realtime URL, Warning logs and the
/// scenario's own configuration keys (passed as environment variables, <c>:</c> written <c>__</c>).
/// Samples its resident memory while it runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly List<string> _output = [];

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _sampler = Task.Run(SampleAsync);
    }

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    /// <summary>Largest VmRSS seen by the 250 ms sampler, in bytes.</summary>
    public long PeakSampledRss { get; private set; }

    private long _windowPeak;

    /// <summary>Largest VmRSS sampled since the last call (so each scenario can report its own), in bytes.</summary>
    public long TakeWindowPeak() => Interlocked.Exchange(ref _windowPeak, ReadStatusKb("VmRSS") * 1024 ?? 0);

    /// <summary>Builds the app in Release (incremental) and returns its DLL.</summary>
    public static async Task<string> BuildReleaseAsync(string repoRoot, Action<string> log, CancellationToken ct)
    {
        log("Building the app (Release)…");
        var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(repoRoot, "AdminPortal.csproj"), "-c", "Release", "-v", "q", "-nologo"])
        {
            WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = build.StandardOutput.ReadToEndAsync(ct);
        var errors = build.StandardError.ReadToEndAsync(ct);
        await build.WaitForExitAsync(ct);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build -c Release failed:\n{await output}\n{await errors}");
        }
        return Path.Combine(repoRoot, "artifacts", "bin", "AdminPortal", "release", "AdminPortal.dll");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<AppProcess> StartAsync(string appDll, string repoRoot, BenchDatabase database, Uri issuer, int port,
        Uri realtimeUrl, IReadOnlyDictionary<string, string> environment, IEnumerable<KeyValuePair<string, string>> settings, CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repoRoot, // the content root: appsettings.json, wwwroot, migrations
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(appDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in AppSettings.Common(database, issuer).Concat(settings))
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        info.Environment["Ifttt__RealtimeUrl"] = realtimeUrl.ToString().TrimEnd('/');
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilServingAsync(ct);
        return app;
    }

    /// <summary>What the app printed (warnings and errors only, at the bench's log level).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Count < 2000)
            {
                _output.Add(line);
            }
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{string.Join('\n', Output)}");
            }
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "ifttt/v1/status");
                request.Headers.Add("IFTTT-Service-Key", AppSettings.ServiceKey);
                if ((await http.SendAsync(request, ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Not listening yet, or still starting on a busy machine (a status slower than the client's 5 s): try again.
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"The app did not answer status within 120 s:\n{string.Join('\n', Output)}");
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (ReadStatusKb("VmRSS") is { } rss)
            {
                PeakSampledRss = Math.Max(PeakSampledRss, rss * 1024);
                if (rss * 1024 > Interlocked.Read(ref _windowPeak))
                {
                    Interlocked.Exchange(ref _windowPeak, rss * 1024);
                }
            }
            try
            {
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The kernel's high-water mark of resident memory (VmHWM), in bytes.</summary>
    public long? PeakResident() => ReadStatusKb("VmHWM") * 1024;

    private long? ReadStatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully (background writers drain); kill only if it hangs.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        _stop.Dispose();
    }
}
