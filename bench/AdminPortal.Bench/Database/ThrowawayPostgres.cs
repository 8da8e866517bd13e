using System.Diagnostics;

namespace AdminPortal.Bench.Database;

/// <summary>
/// The bench's own PostgreSQL cluster, started and removed by scripts/throwaway-postgres.sh — the test command's
/// script, so both make clusters the same way: Debian's postgresql installed when no initdb is found, initdb in a temp
/// directory as the <c>postgres</c> user (the machine runs as root), 127.0.0.1 on a free port, no Unix socket — but
/// with fsync on (<c>PG_THROWAWAY_FSYNC=on</c>; the tests' clusters run without), so a commit waits for the disk as
/// the app's SQLite commits do and write figures compare. Disposing stops it and deletes the directory; so does the process exiting (Ctrl-C, SIGTERM) before that.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory;
    private readonly string _binaries;
    private int _stopped;

    private ThrowawayPostgres(string script, string serverConnectionString, string directory, string binaries)
    {
        _script = script;
        ServerConnectionString = serverConnectionString;
        _directory = directory;
        _binaries = binaries;
        // A backstop for an exit that skips the disposal (SIGTERM; a Ctrl-C the run did not get to handle).
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    /// <summary>The server's maintenance database as the superuser (trust auth on loopback): where bench databases are made.</summary>
    public string ServerConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync(string repoRoot, Action<string> log)
    {
        var script = Path.Combine(repoRoot, "scripts", "throwaway-postgres.sh");
        // The script's own messages go to stderr (shown on failure); stdout carries only what the bench needs back.
        // A start that fails half-way removes what it made.
        var (exitCode, output, errors) = await BashAsync(
            """source "$1" && { start_throwaway_postgres >&2 || { stop_throwaway_postgres; exit 1; }; } && printf '%s\n%s\n%s\n' "$ADMINPORTAL_TEST_POSTGRES" "$PG_THROWAWAY_DIR" "$PG_THROWAWAY_BIN" """,
            [script], new Dictionary<string, string> { ["PG_THROWAWAY_FSYNC"] = "on" });
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (exitCode != 0 || lines.Length < 3)
        {
            throw new InvalidOperationException($"The throwaway PostgreSQL cluster did not start (scripts/throwaway-postgres.sh, exit {exitCode}):\n{errors}");
        }
        log($"  {errors.Trim().Split('\n')[^1]}");
        return new ThrowawayPostgres(script, lines[^3], lines[^2], lines[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
            await BashAsync(StopCommand, [_script, _directory, _binaries]);
        }
    }

    private const string StopCommand = """source "$1"; PG_THROWAWAY_DIR="$2"; PG_THROWAWAY_BIN="$3"; stop_throwaway_postgres""";

    private void StopOnExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            BashAsync(StopCommand, [_script, _directory, _binaries]).GetAwaiter().GetResult();
        }
    }

    /// <summary>Never cancelled: a start cut short would leave a cluster nobody knows to remove (both take seconds).</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> BashAsync(string command, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", command, "bash" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        return (process.ExitCode, await output, await errors);
    }
}
