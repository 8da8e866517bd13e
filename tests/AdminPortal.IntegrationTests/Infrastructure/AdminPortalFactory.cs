using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over a real SQLite file of its own (one per factory; or a PostgreSQL database of its own when
/// <see cref="TestDatabase.PostgresVariable"/> is set), Hangfire in memory and
/// ephemeral data protection (unless <see cref="KeepDataProtectionKeys"/>). Settings can be added before the first client is created.
/// </summary>
public class AdminPortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-Passw0rd-1";

    public AdminPortalFactory() : this(NewDataDirectory()) { }

    protected AdminPortalFactory(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(dataDirectory);
    }

    /// <summary>Several factories over the same directory share one database, as restarts of one install would.</summary>
    public static AdminPortalFactory OverDirectory(string dataDirectory) => new(dataDirectory);

    public string DataDirectory { get; }
    public const string DatabaseFileName = "adminportal.db";
    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Everything the app logged, as the console would show it.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>
    /// Data Protection keys on disk under the data directory, shared by every factory over it (as restarts of one
    /// install share <c>DataProtection:KeysPath</c>); otherwise each host gets ephemeral keys of its own.
    /// </summary>
    public bool KeepDataProtectionKeys { get; set; }

    /// <summary>Set before the host starts: more test services (e.g. an in-memory telemetry exporter), after the app's own.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>Set before the host starts to control time (token grace windows, health rules, schedules).</summary>
    public FakeTimeProvider? Clock { get; set; }

    public static string NewDataDirectory() =>
        Path.Combine(Path.GetTempPath(), "adminportal-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in TestDatabase.SettingsFor(DataDirectory, DatabasePath))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Hangfire:Storage", "InMemory");
        builder.UseSetting("Logging:LogLevel:OpenIddict", Environment.GetEnvironmentVariable("TEST_OPENIDDICT_LOG") ?? "Warning");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Email:OutboxPath", Path.Combine(DataDirectory, "outbox"));
        builder.UseSetting("Admin:Password", Settings.TryGetValue("Admin:Password", out var password) ? password : AdminPassword);
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(DataDirectory, "keys"));
        // Every test client shares one address: generous failure limits keep the suites off the limiter (the rate-limit
        // tests set small ones in Settings, which win).
        foreach (var limit in (string[])["SignIn", "Registration", "Token", "ServiceKey", "IngestKey"])
        {
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "1000000");
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (!KeepDataProtectionKeys)
            {
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
            }
            services.AddSingleton<ILoggerProvider>(Logs);
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
            TestServices?.Invoke(services);
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see where they point.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
