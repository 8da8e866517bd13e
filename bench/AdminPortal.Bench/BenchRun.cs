using System.Runtime.InteropServices;
using AdminPortal.Bench.Database;
using AdminPortal.Bench.Harness;
using AdminPortal.Bench.Load;
using AdminPortal.Bench.Report;
using AdminPortal.Bench.Scenarios;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench;

/// <summary>
/// One benchmark run: a pass per provider (<c>--provider sqlite|postgres|both</c>), one after another. A pass seeds
/// the small database and measures the poll against it, then seeds the full database and runs the IFTTT-facing
/// scenarios against fresh app processes, then the connector scenario over its own database; report. Scenarios run
/// one at a time, never two at once. A PostgreSQL pass starts its own throwaway cluster and removes it at its end.
/// </summary>
public static class BenchRun
{
    /// <summary>Every pass of the run, in <see cref="BenchOptions.Providers"/> order (the app is built once).</summary>
    public static async Task<IReadOnlyList<BenchReport>> RunAllAsync(BenchOptions o, Action<string> log, CancellationToken ct)
    {
        var built = o with { AppDll = o.AppDll ?? await AppProcess.BuildReleaseAsync(o.RepoRoot, log, ct) };
        var reports = new List<BenchReport>();
        foreach (var provider in o.Providers)
        {
            reports.Add(await RunAsync(built, provider, log, ct));
        }
        return reports;
    }

    /// <summary>The first provider's pass alone.</summary>
    public static Task<BenchReport> RunAsync(BenchOptions o, Action<string> log, CancellationToken ct) => RunAsync(o, o.Providers[0], log, ct);

    private static async Task<BenchReport> RunAsync(BenchOptions o, BenchProvider provider, Action<string> log, CancellationToken ct)
    {
        var instances = o.InstancesOn(provider);
        var report = new BenchReport
        {
            StartedAt = DateTimeOffset.UtcNow,
            Mode = o.Quick ? "quick" : "full",
            Provider = BenchDatabase.DisplayName(provider),
            Instances = instances,
            Machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            Scale = new()
            {
                ["users"] = o.Users, ["identities"] = o.Users * o.IdentitiesPerUser, ["events"] = o.Users * o.EventsPerUser,
                ["small_db_events"] = SmallUsers(o) * o.EventsPerUser, ["clients"] = o.Clients,
                ["warmup_s"] = o.WarmUp.TotalSeconds, ["duration_s"] = o.Duration.TotalSeconds,
                ["connector_users"] = o.ConnectorUsers,
            },
        };
        log($"{report.Provider} pass, {instances} app instance(s)…");
        var appDll = o.AppDll ?? await AppProcess.BuildReleaseAsync(o.RepoRoot, log, ct);
        await using var cluster = provider == BenchProvider.Postgres ? await ThrowawayPostgres.StartAsync(o.RepoRoot, log) : null;
        await using var fake = await FakeRealtime.StartAsync();
        var pass = new Pass(o, provider, cluster, appDll, Ports(instances), fake, log, ct);

        if (o.Runs("poll-small-db"))
        {
            var smallUsers = SmallUsers(o);
            log($"Seeding the small database ({smallUsers * o.EventsPerUser:N0} events)…");
            var small = await Seeder.SeedAsync(await pass.FreshDatabaseAsync("small"), o.RepoRoot, smallUsers, o.IdentitiesPerUser,
                o.EventsPerUser, pass.Issuer, o.EncryptedTokens, log, ct);
            report.SeedSeconds["small_db"] = small.Timings.Total.TotalSeconds;
            await using var app = await pass.StartAppAsync(small);
            using var http = LoadRunner.CreateClient(app.BaseAddresses, o.Clients);
            await RunAsync(report, o, app, "poll-small-db", log, () => ClosedLoopScenarios.PollAsync("poll-small-db", http, o, small.Users, ct));
            report.PeakResidentSmallDbMb = Mb(app);
            Collect(report, app);
        }

        log($"Seeding the full database ({o.Users:N0} users, {o.Users * o.IdentitiesPerUser:N0} identities, {o.Users * o.EventsPerUser:N0} events)…");
        var full = await Seeder.SeedAsync(await pass.FreshDatabaseAsync(o.Quick ? "quick" : "full"), o.RepoRoot, o.Users, o.IdentitiesPerUser,
            o.EventsPerUser, pass.Issuer, o.EncryptedTokens, log, ct);
        report.SeedSeconds["full_db"] = full.Timings.Total.TotalSeconds;
        report.SeedSeconds["full_db_tokens"] = full.Timings.Tokens.TotalSeconds;
        report.SeedSeconds["full_db_events"] = full.Timings.Events.TotalSeconds;
        await using (var app = await pass.StartAppAsync(full))
        {
            using var http = LoadRunner.CreateClient(app.BaseAddresses, o.Clients);
            var users = full.Users;
            await RunAsync(report, o, app, "status", log, () => ClosedLoopScenarios.StatusAsync(http, o, ct));
            await RunAsync(report, o, app, "poll", log, () => ClosedLoopScenarios.PollAsync("poll", http, o, users, ct));
            await RunAsync(report, o, app, "action", log, () => ClosedLoopScenarios.ActionAsync(http, o, users, ct));
            // After poll and action (their tokens stay valid: a refresh revokes nothing of its chain), before ingest.
            var chains = new RefreshChains(users);
            await RunAsync(report, o, app, "refresh", log, () => TokenScenarios.RefreshAsync(http, o, chains, ct));
            await RunAsync(report, o, app, "poll-cold", log, () => TokenScenarios.ColdPollAsync(http, o, chains, ct));
            await RunAsync(report, o, app, IftttMixScenario.Name, log, () => IftttMixScenario.RunAsync(http, o, users, chains, log, ct));
            await RunAsync(report, o, app, "ingest-single", log, () => ClosedLoopScenarios.IngestAsync("ingest-single", http, o, users, 1, ct));
            await RunAsync(report, o, app, "ingest-batch", log, () => ClosedLoopScenarios.IngestAsync("ingest-batch", http, o, users, o.BatchSize, ct));
            await RunAsync(report, o, app, "realtime", log, () => RealtimeScenario.RunAsync(http, o, users, fake, ct));
            report.PeakResidentMb = Mb(app);
            Collect(report, app);
        }

        if (o.Runs(ConnectorScenario.Name))
        {
            await RunConnectorAsync(report, pass);
        }

        Targets.Evaluate(report);
        return report;
    }

    /// <summary>Its own small database and app processes: declaring a Poll source would otherwise poll every user of the full one.</summary>
    private static async Task RunConnectorAsync(BenchReport report, Pass pass)
    {
        var (o, log, ct) = (pass.Options, pass.Log, pass.Cancel);
        log($"Seeding the connector database ({o.ConnectorUsers:N0} linked users)…");
        var db = await ConnectorSeeder.SeedAsync(await pass.FreshDatabaseAsync(o.Quick ? "connector-quick" : "connector"), o.RepoRoot,
            pass.Issuer, o.ConnectorUsers, log, ct);
        report.SeedSeconds["connector_db"] = db.Timings.Total.TotalSeconds;
        await using var product = await FakeProduct.StartAsync(o.ConnectorUsers);
        await using var app = await pass.StartAppAsync(db, ConnectorAppSettings.For(product.BaseAddress));
        await RunAsync(report, o, app, ConnectorScenario.Name, log, () => ConnectorScenario.RunAsync(o, db, product, pass.Fake, ct));
        Collect(report, app);
    }

    /// <summary>What every database and app start of one pass shares: the provider (and its cluster), the build, the ports.</summary>
    private sealed record Pass(BenchOptions Options, BenchProvider Provider, ThrowawayPostgres? Cluster, string AppDll, IReadOnlyList<int> Ports,
        FakeRealtime Fake, Action<string> Log, CancellationToken Cancel)
    {
        /// <summary>Every app instance's issuer: the first one's address (tokens are minted for it before any app runs).</summary>
        public Uri Issuer => AppInstances.IssuerFor(Ports[0]);

        /// <summary>SQLite's folders are named as before; PostgreSQL's are apart (<c>postgres-quick</c>: keys, outbox) and name the database.</summary>
        public async Task<BenchDatabase> FreshDatabaseAsync(string name) => await BenchDatabase.FreshAsync(Provider,
            Path.Combine(Options.WorkDirectory, Provider == BenchProvider.Sqlite ? name : "postgres-" + name), Cluster, Cancel)
            with { DevelopmentCertificates = Options.DevelopmentCertificates };

        public Task<AppInstances> StartAppAsync(SeededDatabase db, IEnumerable<KeyValuePair<string, string>>? settings = null) =>
            AppInstances.StartAsync(AppDll, Options.AppRoot ?? Options.RepoRoot, db.Database, Ports, Fake.BaseAddress, Options.AppEnvironment,
                settings ?? [], Log, Cancel);
    }

    /// <summary>Distinct free ports, one per instance (every app start of the pass reuses them, one app set at a time).</summary>
    private static List<int> Ports(int instances)
    {
        var ports = new List<int>();
        while (ports.Count < instances)
        {
            var port = AppProcess.FreePort();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }
        return ports;
    }

    private static int SmallUsers(BenchOptions o) => Math.Max(1, o.SmallEvents / o.EventsPerUser);

    private static async Task RunAsync(BenchReport report, BenchOptions o, AppInstances app, string name, Action<string> log,
        Func<Task<ScenarioResult>> scenario)
    {
        if (!o.Runs(name))
        {
            return;
        }
        app.TakeWindowPeak();
        var result = await scenario();
        result.Extra["app_rss_peak_mb"] = Math.Round(app.TakeWindowPeak() / 1024.0 / 1024.0);
        report.Scenarios.Add(result);
        log($"  {name}: {result.RequestsPerSecond:N0} req/s, p50 {result.Latency.P50:0.00} ms, p99 {result.Latency.P99:0.00} ms, non-2xx {result.Errors}");
    }

    private static double? Mb(AppInstances app) =>
        (app.PeakResident() ?? app.PeakSampledRss) is var bytes and > 0 ? Math.Round(bytes / 1024.0 / 1024.0, 1) : null;

    private static void Collect(BenchReport report, AppInstances app) =>
        report.AppWarnings.AddRange(app.Output.Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase)
            || l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(50));
}
