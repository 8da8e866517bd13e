using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminPortal.Data;

/// <summary>
/// <c>Database:Provider=Postgres</c>: the app's tables on an existing PostgreSQL database named by the connection
/// string (decision 0023). The database must exist or the connection's user must be allowed to create it; migrations
/// from <c>migrations/Postgres/</c> do the rest.
/// </summary>
public sealed class PostgresDatabase
{
    private PostgresDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    /// <summary>Refuses a missing or malformed connection string at start-up, naming the key.</summary>
    public static PostgresDatabase Prepare(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new StartupConfigurationException(DatabaseExtensions.ConnectionStringKey,
                "Database:Provider is Postgres but no connection string is set (e.g. \"Host=db;Database=adminportal;Username=adminportal;Password=…\").");
        }
        NpgsqlConnectionStringBuilder csb;
        try
        {
            csb = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StartupConfigurationException(DatabaseExtensions.ConnectionStringKey,
                $"not a valid PostgreSQL connection string ({ex.Message}).");
        }
        if (string.IsNullOrWhiteSpace(csb.Host) || string.IsNullOrWhiteSpace(csb.Database))
        {
            throw new StartupConfigurationException(DatabaseExtensions.ConnectionStringKey,
                "the PostgreSQL connection string must name a Host and a Database.");
        }
        return new PostgresDatabase(csb.ConnectionString);
    }

    public void Configure(DbContextOptionsBuilder options) =>
        options.UseNpgsql(ConnectionString)
            .UseProviderMigrations();
}
