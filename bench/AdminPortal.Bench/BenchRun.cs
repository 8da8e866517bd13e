using System.Diagnostics;
using System.Runtime.InteropServices;
using AdminPortal.Bench.Harness;
using AdminPortal.Bench.Load;
using AdminPortal.Bench.Report;
using AdminPortal.Bench.Scenarios;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench;

/// <summary>
/// One benchmark run: seed the small database and measure the poll against it, then seed the full database and run
/// the IFTTT-facing scenarios against a fresh app process, then the connector scenario over its own database; report. Scenarios run one at a time, never two at once.
/// </summary>
public static class BenchRun
{
    public static async Task<BenchReport> RunAsync(BenchOptions o, Action<string> log, CancellationToken ct)
    {
        var report = new BenchReport
        {
            StartedAt = DateTimeOffset.UtcNow,
            Mode = o.Quick ? "quick" : "full",
            Machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            Scale = new()
            {
                ["users"] = o.Users, ["identities"] = o.Users * o.IdentitiesPerUser, ["events"] = o.Users * o.EventsPerUser,
                ["small_db_events"] = SmallUsers(o) * o.EventsPerUser, ["clients"] = o.Clients,
                ["warmup_s"] = o.WarmUp.TotalSeconds, ["duration_s"] = o.Duration.TotalSeconds,
                ["connector_users"] = o.ConnectorUsers,
            },
        };
        var appDll = o.AppDll ?? await AppProcess.BuildReleaseAsync(o.RepoRoot, log, ct);
        await using var fake = await FakeRealtime.StartAsync();
        var port = AppProcess.FreePort();
        var issuer = $"127.0.0.1:{port}";

        if (o.Runs("poll-small-db"))
        {
            var smallUsers = SmallUsers(o);
            log($"Seeding the small database ({smallUsers * o.EventsPerUser:N0} events)…");
            var small = await Seeder.SeedAsync(Path.Combine(o.WorkDirectory, "small"), o.RepoRoot, smallUsers, o.IdentitiesPerUser,
                o.EventsPerUser, issuer, o.EncryptedTokens, log, ct);
            report.SeedSeconds["small_db"] = small.Timings.Total.TotalSeconds;
            await using var app = await StartAppAsync(appDll, o, small, port, fake, log, ct);
            using var http = LoadRunner.CreateClient(app.BaseAddress, o.Clients);
            await RunAsync(report, o, app, "poll-small-db", log, () => ClosedLoopScenarios.PollAsync("poll-small-db", http, o, small.Users, ct));
            report.PeakResidentSmallDbMb = Mb(app);
            Collect(report, app);
        }

        log($"Seeding the full database ({o.Users:N0} users, {o.Users * o.IdentitiesPerUser:N0} identities, {o.Users * o.EventsPerUser:N0} events)…");
        var full = await Seeder.SeedAsync(Path.Combine(o.WorkDirectory, o.Quick ? "quick" : "full"), o.RepoRoot, o.Users, o.IdentitiesPerUser,
            o.EventsPerUser, issuer, o.EncryptedTokens, log, ct);
        report.SeedSeconds["full_db"] = full.Timings.Total.TotalSeconds;
        report.SeedSeconds["full_db_tokens"] = full.Timings.Tokens.TotalSeconds;
        report.SeedSeconds["full_db_events"] = full.Timings.Events.TotalSeconds;
        await using (var app = await StartAppAsync(appDll, o, full, port, fake, log, ct))
        {
            using var http = LoadRunner.CreateClient(app.BaseAddress, o.Clients);
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
            await RunConnectorAsync(report, appDll, o, port, fake, log, ct);
        }

        Targets.Evaluate(report);
        return report;
    }

    /// <summary>Its own small database and app process: declaring a Poll source would otherwise poll every user of the full one.</summary>
    private static async Task RunConnectorAsync(BenchReport report, string appDll, BenchOptions o, int port, FakeRealtime fake, Action<string> log,
        CancellationToken ct)
    {
        log($"Seeding the connector database ({o.ConnectorUsers:N0} linked users)…");
        var db = await ConnectorSeeder.SeedAsync(Path.Combine(o.WorkDirectory, o.Quick ? "connector-quick" : "connector"), o.RepoRoot,
            o.ConnectorUsers, log, ct);
        report.SeedSeconds["connector_db"] = db.Timings.Total.TotalSeconds;
        await using var product = await FakeProduct.StartAsync(o.ConnectorUsers);
        await using var app = await StartAppAsync(appDll, o, db, port, fake, log, ct, ConnectorAppSettings.For(product.BaseAddress));
        await RunAsync(report, o, app, ConnectorScenario.Name, log, () => ConnectorScenario.RunAsync(o, db, product, fake, ct));
        Collect(report, app);
    }

    private static int SmallUsers(BenchOptions o) => Math.Max(1, o.SmallEvents / o.EventsPerUser);

    private static async Task<AppProcess> StartAppAsync(string appDll, BenchOptions o, SeededDatabase db, int port, FakeRealtime fake,
        Action<string> log, CancellationToken ct, IEnumerable<KeyValuePair<string, string>>? settings = null)
    {
        var started = Stopwatch.StartNew();
        var app = await AppProcess.StartAsync(appDll, o.AppRoot ?? o.RepoRoot, db.DatabasePath, Path.GetDirectoryName(db.DatabasePath)!, port,
            fake.BaseAddress, o.AppEnvironment, settings ?? [], ct);
        log($"App (pid {app.ProcessId}) serving at {app.BaseAddress} after {started.Elapsed.TotalSeconds:0.0} s.");
        return app;
    }

    private static async Task RunAsync(BenchReport report, BenchOptions o, AppProcess app, string name, Action<string> log,
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

    private static double? Mb(AppProcess app) =>
        (app.PeakResident() ?? app.PeakSampledRss) is var bytes and > 0 ? Math.Round(bytes / 1024.0 / 1024.0, 1) : null;

    private static void Collect(BenchReport report, AppProcess app) =>
        report.AppWarnings.AddRange(app.Output.Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase)
            || l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(50));
}
