using AcmeHome.Admin;
using AcmeHome.Api;
using AcmeHome.Storage;
using AcmeHome.Hosting;
using AcmeHome.Identity;
using AcmeHome.Webhooks;

namespace AcmeHome;

/// <summary>Builds the Acme Home web app, for <c>dotnet run</c> and for tests hosting it in-process.</summary>
public static class AcmeHomeApp
{
    /// <summary>
    /// Builds the app. Configuration: defaults in code, then <c>ACMEHOME_</c> environment variables, then
    /// <paramref name="args"/> (e.g. <c>--urls=http://127.0.0.1:0 --Storage=Memory</c>).
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(AcmeHomeApp).Assembly.GetName().Name,
        });

        // In a test process the content root is the test's bin folder, which holds AdminPortal's appsettings.json:
        // drop every default source so the sample only ever sees its own settings.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(AcmeHomeDefaults.Values);
        builder.Configuration.AddEnvironmentVariables("ACMEHOME_");
        builder.Configuration.AddCommandLine(args);

        builder.AddAcmeData();
        builder.AddAcmeIdentity();
        builder.AddAcmeApi();
        builder.AddAcmeAdmin();
        builder.AddAcmeWebhooks();

        var app = builder.Build();
        app.UseAcmeErrors();
        app.UseAcmeFaults();
        app.UseAuthentication();
        app.MapAcmeIdentity();
        app.MapAcmeApi();
        app.MapAcmeAdmin();
        app.MapGet("/", () => Results.Text("Acme Home sample product. Sign in at /login; API under /api.", "text/plain"));
        return app;
    }
}
