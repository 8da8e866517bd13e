using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using AdminPortal.Bench.Database;
using AdminPortal.Data;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// The app itself, booted in-process over the bench database (no HTTP): starting it applies the migrations
/// and runs the start-up tasks (IFTTT client registration, secrets), and its services mint real tokens.
/// Development, like the app process the bench starts; both sign with the bench's certificates (<see cref="BenchCertificates"/>).
/// </summary>
internal sealed class SeedHost(BenchDatabase database, Uri issuer, string repoRoot, bool encryptedTokens) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(repoRoot);
        foreach (var (key, value) in AppSettings.Common(database, issuer))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Hangfire:Storage", "InMemory");
        builder.UseSetting("Ifttt:Realtime:Enabled", "false");
        // A bench key ring is created fresh and thrown away with its database: its "unencrypted at rest" warning is noise here.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        if (database.Provider == BenchProvider.Postgres)
        {
            // EF's migrator first reads __EFMigrationsHistory, which a fresh PostgreSQL database lacks: that expected
            // "relation does not exist" is logged as a failed command. A real seeding failure still throws.
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        }
        builder.ConfigureTestServices(services =>
        {
            // Seeding only: a crash loses a bench database, never real data, so skip the fsync per commit.
            if (database.Provider == BenchProvider.Sqlite)
            {
                services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(NoSyncInterceptor.Instance));
            }
            if (encryptedTokens)
            {
                services.PostConfigure<OpenIddict.Server.OpenIddictServerOptions>(options => options.DisableAccessTokenEncryption = false);
            }
        });
    }

    private sealed class NoSyncInterceptor : DbConnectionInterceptor
    {
        public static readonly NoSyncInterceptor Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=OFF;";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>The settings the seeding host and the app process share: bench files, known keys, quiet logs.</summary>
public static class AppSettings
{
    public const string ServiceKey = "bench-service-key-0123456789abcdef";
    public const string IngestKey = "bench-ingest-key-0123456789abcdef";
    public const string AdminPassword = "Bench-Admin-Passw0rd";
    /// <summary>The IFTTT client's secret (applied on every start), so the bench can refresh as IFTTT does.</summary>
    public const string ClientSecret = "bench-client-secret-0123456789abcdef";

    /// <summary>
    /// The issuer is configured rather than taken from each request, so tokens minted by the seeding host are valid
    /// on every app instance, whatever port the load balancer in front (here: the bench) sent the request to.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Common(BenchDatabase database, Uri issuer) =>
    [
        .. database.AppSettings(),
        new("OAuth:Issuer", issuer.ToString()),
        new("Email:OutboxPath", Path.Combine(database.Directory, "outbox")),
        // Beside the bench database, not the checkout's data/keys: the seeding host protects product tokens the app
        // processes unprotect, and every instance signs in with the same key ring (as a multi-instance deployment must).
        new("DataProtection:KeysPath", Path.Combine(database.Directory, "keys")),
        new("Ifttt:ServiceKey", ServiceKey),
        new("Ifttt:ClientSecret", ClientSecret),
        new("Ingest:ApiKeys:0", IngestKey),
        new("Admin:Email", "admin@bench.local"),
        new("Admin:Password", AdminPassword),
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
        new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning"),
        new("Logging:LogLevel:OpenIddict", "Warning"),
        new("Logging:LogLevel:Hangfire", "Warning"),
        .. database.DevelopmentCertificates ? [] : BenchCertificates.Settings(database.Directory),
    ];
}
