using System.Globalization;
using AdminPortal.Bench.Database;

namespace AdminPortal.Bench;

/// <summary>How big, how long and how hard: defaults are the full-scale run; <c>--quick</c> is the smoke run the tests use.</summary>
public sealed record BenchOptions
{
    public int Users { get; init; } = 10_000;
    public int Identities { get; init; } = 100_000;
    public int Events { get; init; } = 1_000_000;
    /// <summary>The poll-small-db database: same per-user timelines, fewer users.</summary>
    public int SmallEvents { get; init; } = 10_000;
    public int Clients { get; init; } = 32;
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Single events per second the realtime scenario sends (open loop).</summary>
    public int RealtimeRate { get; init; } = 100;
    public int BatchSize { get; init; } = 1000;
    /// <summary>Linked users the connector scenario's app polls (its own database, one door identity per door each).</summary>
    public int ConnectorUsers { get; init; } = 1_000;
    /// <summary>door.opened events a second appearing in the fake product during the connector scenario (open loop).</summary>
    public int ConnectorRate { get; init; } = 50;
    /// <summary>Fresh (refreshed, never used) access tokens poll-cold may spend; its window ends early when they run out.</summary>
    public int ColdTokens { get; init; } = 5_000;
    /// <summary>Every Nth refresh of a chain sends the refresh token it replaced again (IFTTT's retry; 0: never).</summary>
    public int ReuseEvery { get; init; } = 10;
    /// <summary>ifttt-mix: relative shares of cold, warm (realtime-caused) polls, refresh, userinfo and action.</summary>
    public IReadOnlyDictionary<string, int> MixShares { get; init; } = new Dictionary<string, int>
    {
        ["cold"] = 30, ["warm"] = 50, ["refresh"] = 5, ["userinfo"] = 5, ["action"] = 10,
    };
    /// <summary>ifttt-mix: the first step's rate (requests/s), the factor per step, the most steps, each step's length.</summary>
    public int MixStartRate { get; init; } = 100;
    public double MixFactor { get; init; } = 1.5;
    public int MixSteps { get; init; } = 12;
    public TimeSpan MixStepDuration { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>ifttt-mix: requests in flight at most (open loop; one beyond waits, and its wait counts in its latency).</summary>
    public int MixMaxInFlight { get; init; } = 256;
    public bool Quick { get; init; }
    /// <summary>One pass per provider, in this order (<c>--provider sqlite|postgres|both</c>; SQLite alone by default).</summary>
    public IReadOnlyList<BenchProvider> Providers { get; init; } = [BenchProvider.Sqlite];
    /// <summary>App processes on the one database of a PostgreSQL pass, requests spread over them in turn (a SQLite pass always has one).</summary>
    public int Instances { get; init; } = 1;
    /// <summary>Only these scenarios (all when empty).</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    /// <summary>The repository root (content root of the app); found from the binary's folder when not given.</summary>
    public string RepoRoot { get; init; } = "";
    /// <summary>Where the bench databases go (never the app's data/).</summary>
    public string WorkDirectory { get; init; } = "";
    /// <summary>The app's AdminPortal.dll; empty: build Release and use artifacts/bin/AdminPortal/release.</summary>
    public string? AppDll { get; init; }
    public string? ResultsDirectory { get; init; }
    /// <summary>The app process's content root (appsettings.json, wwwroot); the repository root unless given (e.g. another checkout's build).</summary>
    public string? AppRoot { get; init; }
    /// <summary>Mint encrypted access tokens, as the app did before docs/decisions/0007 (for a "before" run of an older build).</summary>
    public bool EncryptedTokens { get; init; }
    /// <summary>OpenIddict's development certificates (RSA 4096) instead of a deployment's RSA 2048 pair.</summary>
    public bool DevelopmentCertificates { get; init; }
    /// <summary>Extra environment variables for the app process (experiments, e.g. DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment { get; init; } = new Dictionary<string, string>();

    public static BenchOptions Quickly(BenchOptions o) => o with
    {
        Quick = true, Users = 200, Identities = 2_000, Events = 20_000, SmallEvents = 2_000,
        WarmUp = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(2), RealtimeRate = 20, BatchSize = 200,
        ConnectorUsers = 50, ConnectorRate = 20,
        ColdTokens = 100, MixStartRate = 50, MixSteps = 3, MixStepDuration = TimeSpan.FromSeconds(1),
    };

    /// <summary>What <c>--help</c> prints; bench/README.md says what each scenario and figure means.</summary>
    public const string Usage = """
        AdminPortal benchmark driver: seeds a bench database, starts the app as a Release process, drives it over HTTP.

        usage: dotnet run -c Release --project bench/AdminPortal.Bench -- [options]

          --quick                 small scale, 2 s per scenario (~1 minute; what the test suite runs)
          --only a,b,…            scenarios: poll-small-db, status, poll, action, refresh, poll-cold, ifttt-mix,
                                  ingest-single, ingest-batch, realtime, connector-poll (default: all)
          --users N --identities N --events N --small-events N   database scale
          --clients N             concurrent keep-alive clients (32)
          --warmup S --duration S seconds per scenario (5, 20)
          --batch N               events per ingest-batch request (1000)
          --realtime-rate N       events/s of the realtime scenario (100)
          --connector-users N --connector-rate N   linked users and events/s of connector-poll (1000, 50)
          --cold-tokens N         fresh tokens poll-cold may spend (5000; quick 100)
          --reuse-every N         every Nth refresh reuses the replaced token inside the grace (10; 0: never)
          --mix k=N,…             ifttt-mix shares of cold, warm, refresh, userinfo, action (30,50,5,5,10)
          --mix-start N --mix-factor F --mix-steps N --mix-step S   ifttt-mix ramp (100/s ×1.5, 12 steps of 5 s;
                                  quick 50/s, 3 steps of 1 s)
          --provider P            sqlite (default), postgres (its own throwaway cluster: Debian's postgresql,
                                  installed if missing), or both (one pass each, one side-by-side table)
          --instances N           app processes on the one PostgreSQL database, requests spread over them (1)
          --app-dll PATH [--app-root DIR]          measure another build (e.g. an older checkout)
          --encrypted-tokens      mint tokens as builds before decision 0007 did
          --dev-certificates      sign with OpenIddict's development certificates (RSA 4096), not an RSA 2048 pair
          --app-env NAME=VALUE    extra environment for the app process
          --work DIR --results DIR --repo DIR       where databases, results and the repository are
          --help                  this text

        Exit code 0 when every scenario completed with zero errors. Details: bench/README.md.
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = args.Contains("--quick") ? Quickly(new BenchOptions()) : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--quick" => o,
                "--encrypted-tokens" => o with { EncryptedTokens = true },
                "--dev-certificates" => o with { DevelopmentCertificates = true },
                "--users" => o with { Users = Int() },
                "--identities" => o with { Identities = Int() },
                "--events" => o with { Events = Int() },
                "--small-events" => o with { SmallEvents = Int() },
                "--clients" => o with { Clients = Int() },
                "--warmup" => o with { WarmUp = TimeSpan.FromSeconds(Int()) },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Int()) },
                "--realtime-rate" => o with { RealtimeRate = Int() },
                "--batch" => o with { BatchSize = Int() },
                "--connector-users" => o with { ConnectorUsers = Int() },
                "--connector-rate" => o with { ConnectorRate = Int() },
                "--cold-tokens" => o with { ColdTokens = Int() },
                "--reuse-every" => o with { ReuseEvery = Int() },
                "--mix" => o with { MixShares = Shares(Next()) },
                "--mix-start" => o with { MixStartRate = Int() },
                "--mix-factor" => o with { MixFactor = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--mix-steps" => o with { MixSteps = Int() },
                "--mix-step" => o with { MixStepDuration = TimeSpan.FromSeconds(Int()) },
                "--provider" => o with { Providers = ProvidersNamed(Next()) },
                "--instances" => o with { Instances = Int() },
                "--only" => o with { Only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() },
                "--repo" => o with { RepoRoot = Next() },
                "--work" => o with { WorkDirectory = Next() },
                "--app-dll" => o with { AppDll = Next() },
                "--results" => o with { ResultsDirectory = Next() },
                "--app-root" => o with { AppRoot = Path.GetFullPath(Next()) },
                "--app-env" => o with { AppEnvironment = WithVariable(o.AppEnvironment, Next()) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. See --help or bench/README.md."),
            };
        }
        if (o.Instances < 1)
        {
            throw new ArgumentException("--instances needs at least 1.");
        }
        if (o.Instances > 1 && !o.Providers.Contains(BenchProvider.Postgres))
        {
            throw new ArgumentException($"--instances {o.Instances} needs --provider postgres (or both): on SQLite AdminPortal runs as one " +
                "instance — the database is a file of one machine, written by one process.");
        }
        var repo = string.IsNullOrEmpty(o.RepoRoot) ? FindRepoRoot() : Path.GetFullPath(o.RepoRoot);
        return o with
        {
            RepoRoot = repo,
            WorkDirectory = string.IsNullOrEmpty(o.WorkDirectory) ? Path.Combine(repo, "artifacts", "bench") : Path.GetFullPath(o.WorkDirectory),
            ResultsDirectory = o.ResultsDirectory ?? Path.Combine(repo, "bench", "results"),
        };
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> environment, string assignment) =>
        assignment.Split('=', 2) is [var key, var value] && key.Length > 0
            ? new Dictionary<string, string>(environment) { [key] = value }
            : throw new ArgumentException($"--app-env takes NAME=VALUE, not '{assignment}'.");

    /// <summary><c>cold=30,warm=50,…</c>: kinds not named get share 0.</summary>
    private static Dictionary<string, int> Shares(string text)
    {
        var shares = new Dictionary<string, int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Split('=', 2) is not [var kind, var value] || !Scenarios.IftttMixScenario.Kinds.Contains(kind)
                || !int.TryParse(value, CultureInfo.InvariantCulture, out var share) || share < 0)
            {
                throw new ArgumentException($"--mix takes KIND=SHARE with KIND one of {string.Join(", ", Scenarios.IftttMixScenario.Kinds)}, not '{part}'.");
            }
            shares[kind] = share;
        }
        return shares.Values.Sum() > 0 ? shares : throw new ArgumentException("--mix needs at least one share above 0.");
    }

    private static BenchProvider[] ProvidersNamed(string name) => name.ToLowerInvariant() switch
    {
        "sqlite" => [BenchProvider.Sqlite],
        "postgres" or "postgresql" => [BenchProvider.Postgres],
        "both" => [BenchProvider.Sqlite, BenchProvider.Postgres],
        _ => throw new ArgumentException($"--provider takes sqlite, postgres or both, not '{name}'."),
    };

    /// <summary>With <c>--provider both</c>, <c>--instances</c> is the PostgreSQL pass's; SQLite's is always one.</summary>
    public int InstancesOn(BenchProvider provider) => provider == BenchProvider.Postgres ? Instances : 1;

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    /// <summary>Events per user is what a poll's cost could depend on; the small database keeps it and has fewer users.</summary>
    public int EventsPerUser => Math.Max(1, Events / Users);
    public int IdentitiesPerUser => Math.Max(1, Identities / Users);

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdminPortal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find AdminPortal.sln above the bench binary; pass --repo <path>.");
    }
}
