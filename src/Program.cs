using AdminPortal.Components;
using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Admin;
using AdminPortal.Features.Errors;
using AdminPortal.Features.Health;
using AdminPortal.Features.Jobs;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.Secrets;

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.Services.AddSingleton(TimeProvider.System);
    builder.AddDatabase();          // AppDbContext on SQLite, migrations at start-up
    builder.AddAccounts();          // Identity, cookie, roles, bootstrap admin
    builder.AddSecrets();           // service key, client secret, ingest key (DB, rotatable)
    builder.AddOAuthServer();       // OpenIddict server + validation
    builder.AddJobs();              // Hangfire storage, server, recurring schedules
    builder.AddHealth();            // /healthz checks
    builder.AddAdminUi();           // Blazor Server + MudBlazor

    var app = builder.Build();

    app.UseAppErrorHandling();
    app.UseStaticFiles();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();

    app.MapHealth();
    app.MapAccountEndpoints();
    app.MapOAuth();                // /connect/authorize + /connect/token; token-health observer on /ifttt/v1
    app.MapJobsDashboard();
    app.MapAdminUi();

    app.Run();
    return 0;
}
catch (StartupConfigurationException ex)
{
    // One clear line naming the key to fix, instead of a stack trace.
    Console.Error.WriteLine($"AdminPortal cannot start: {ex.Message}");
    return 1;
}

/// <summary>Visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
