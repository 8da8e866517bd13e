using AdminPortal.Data.Cluster;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data;

public static class DatabaseExtensions
{
    public const string ConnectionStringKey = "ConnectionStrings:AdminPortal";
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// Registers <see cref="AppDbContext"/> on the configured provider and the start-up step that
    /// applies migrations. Everything provider-specific stays in this folder, so adding PostgreSQL
    /// later is a new case here and a new migrations assembly, not a change to the features.
    /// </summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        var provider = DatabaseProvider.Of(builder.Configuration);
        var connectionString = builder.Configuration[ConnectionStringKey];

        SqliteDatabase? sqliteFile = null;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteDatabase.Prepare(connectionString, builder.Environment.ContentRootPath);
                builder.Services.AddSingleton(sqlite);
                // Pooled: the IFTTT poll path creates a context per request and must not pay for set-up each time.
                builder.Services.AddPooledDbContextFactory<AppDbContext>(options =>
                {
                    sqlite.Configure(options);
                    // The dashboard counts with a cap (Take(cap + 1).Count()): no order is needed to count, so EF's
                    // "row limit without OrderBy" warning is noise there, logged on every page visit.
                    options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));
                });
                sqliteFile = sqlite.InMemory ? null : sqlite;
                break;
            case DatabaseProvider.Postgres:
                var postgres = PostgresDatabase.Prepare(connectionString);
                builder.Services.AddSingleton(postgres);
                builder.Services.AddPooledDbContextFactory<AppDbContext>(options =>
                {
                    postgres.Configure(options);
                    options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));
                });
                break;
            default:
                throw new StartupConfigurationException(ProviderKey,
                    $"unknown database provider '{provider}'; supported: {DatabaseProvider.Sqlite}, {DatabaseProvider.Postgres}.");
        }

        // Identity's and OpenIddict's stores take a scoped context; hand them one from the same pool.
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        // On SQLite every save takes a turn at the gate, so concurrent token and account writes queue in memory rather
        // than in SQLite's busy wait (decision 0032).
        builder.Services.AddSingleton(new DatabaseWriteGate(gatesEverySave: provider == DatabaseProvider.Sqlite));
        builder.Services.AddHostedService<DatabaseInitializer>();
        // Several instances on one PostgreSQL database: what each holds in memory follows the others' changes (decision 0027).
        builder.AddClusterChangeFeed(provider);
        // After the initializer: hosted services start in order, so the file is migrated and in WAL mode by then.
        if (sqliteFile is not null)
        {
            builder.Services.AddSingleton<SqliteCheckpointer>();
            builder.Services.AddHostedService(services => services.GetRequiredService<SqliteCheckpointer>());
        }
        return builder;
    }
}

public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>The configured provider (<see cref="DatabaseExtensions.ProviderKey"/>), SQLite when unset.</summary>
    public static string Of(IConfiguration configuration) => configuration[DatabaseExtensions.ProviderKey] ?? Sqlite;
}
