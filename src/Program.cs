using AdminPortal.Components;
using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Admin;
using AdminPortal.Features.Alerts;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Backups;
using AdminPortal.Features.Connectors;
using AdminPortal.Features.Dashboard;
using AdminPortal.Features.Edge;
using AdminPortal.Features.Email;
using AdminPortal.Features.Errors;
using AdminPortal.Features.Health;
using AdminPortal.Features.Ifttt;
using AdminPortal.Features.Ingest;
using AdminPortal.Features.Jobs;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.Preflight;
using AdminPortal.Features.Preflight.Cli;
using AdminPortal.Features.ProductApi;
using AdminPortal.Features.ProductLink;
using AdminPortal.Features.ProviderMove;
using AdminPortal.Features.Realtime;
using AdminPortal.Features.Secrets;
using AdminPortal.Features.Service;
using AdminPortal.Features.Sunset;
using AdminPortal.Features.Telemetry;
using AdminPortal.Features.Throttling;
using AdminPortal.Features.Timelines;
using AdminPortal.Shared;

try
{
    if (args is [PreflightCommand.Name, .. var preflightArgs])
    {
        return await PreflightCommand.RunAsync(preflightArgs, Console.Out); // IFTTT's tests from a shell, not the server
    }

    // appsettings reloads watch the content root, which holds data/ (the SQLite file and its WAL). The default
    // watcher subscribes to the whole tree and woke on every database write; polling checks only the watched files.
    Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER",
        Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") ?? "true");

    if (RestoreCommand.TryParse(args, out var backupFile, out var hostArgs))
    {
        return RestoreCommand.Run(backupFile, hostArgs); // dotnet run -- restore <file>: docs/backups.md
    }
    if (args is [MoveToPostgresCommand.Name, .. var moveArgs])
    {
        return await MoveToPostgresCommand.RunAsync(moveArgs, Console.Out, Console.Error); // SQLite's data into PostgreSQL: README
    }

    var builder = WebApplication.CreateBuilder(args);
    builder.AddConfigInclude();     // Config:Include — an extra JSON file, e.g. the sample product's wiring

    builder.Services.AddSingleton(TimeProvider.System);
    builder.AddTelemetry();         // the app's meter and spans; OpenTelemetry exporters (OTLP, Prometheus) when configured
    builder.AddEdge();              // forwarded headers from trusted proxies, HSTS, secure cookies, CSP
    builder.AddDatabase();          // AppDbContext on SQLite, migrations at start-up
    builder.AddThrottling();        // RateLimits: failed credentials counted per IP (sign-in, token, keys)
    builder.AddAccounts();          // Identity, cookie, roles, bootstrap admin
    builder.AddSecrets();           // service key, client secret, ingest key (DB, rotatable)
    builder.AddOAuthServer();       // OpenIddict server + validation
    builder.AddJobs();              // Hangfire storage, server, recurring schedules
    builder.AddBackups();           // online copies of the SQLite files, keep the last N (restore: docs/backups.md)
    builder.AddRealtime();          // outbox → batched, retried nudges to IFTTT's Realtime API
    builder.AddEmail();             // SMTP (MailKit) or the .eml outbox
    builder.AddSunset();            // sunset plan, notices, reconnect notices
    builder.AddProductLink();       // sign-in through the company's product, its tokens per user
    builder.AddAvailability();      // maintenance + sunset: whether the service answers
    builder.AddHealth();            // /healthz checks
    builder.AddDeclaredService();   // the Service section: triggers, actions, queries (checked at start-up)
    builder.AddTimelines();         // events, match keys, trigger identities: the timeline store
    builder.AddIngest();            // the ingest use case and POST /api/v1/events
    builder.AddIfttt();             // the IFTTT protocol: /ifttt/v1/*
    builder.AddProductApi();        // declared calls to the product: http actions, product dropdowns and queries
    builder.AddConnectors();        // product events by polling its API or receiving its signed webhooks
    builder.AddAdminUi();           // Blazor Server + MudBlazor
    builder.AddDashboard();         // the admin dashboard's pages and their queries
    builder.AddPreflight();         // IFTTT's endpoint and auth tests run from here, their results, the publish checklist
    builder.AddAlerts();            // alert rules checked by a job, incidents emailed / sent to a signed webhook; reconnect emails

    var app = builder.Build();

    app.UseEdge();                  // first: what follows sees the client's scheme and host (behind a TLS proxy)
    app.UseAppErrorHandling();
    app.UseIftttCompression();      // gzip for /ifttt and /api only
    app.UseStaticFiles();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();
    app.UseIftttTokenHealth();      // records token checks and 401s of IFTTT's user endpoints

    app.MapHealth();
    app.MapIfttt();                 // /ifttt/v1/*, /openapi/v1.json
    app.MapIngest();                // /api/v1/events
    app.MapConnectors();            // /api/v1/webhooks/{source}
    app.MapAccountEndpoints();
    app.MapProductLink();           // /Account/ProductLogin → the product's sign-in → /signin-product
    app.MapOAuth();                 // /connect/authorize + /connect/token
    app.MapJobsDashboard();
    app.MapAdminUi();

    app.Run();
    return 0;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } problem)
{
    // One clear line naming the key to fix, instead of a stack trace: our own checks, options validated at start,
    // and values the configuration binder could not convert, wherever they surfaced.
    Console.Error.WriteLine($"AdminPortal cannot start: {problem}");
    return 1;
}

/// <summary>Visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
