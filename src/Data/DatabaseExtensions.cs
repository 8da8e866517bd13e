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
        var provider = builder.Configuration[ProviderKey] ?? DatabaseProvider.Sqlite;
        var connectionString = builder.Configuration[ConnectionStringKey];

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteDatabase.Prepare(connectionString, builder.Environment.ContentRootPath);
                builder.Services.AddSingleton(sqlite);
                builder.Services.AddDbContext<AppDbContext>(options => sqlite.Configure(options));
                builder.Services.AddDbContextFactory<AppDbContext>(options => sqlite.Configure(options), ServiceLifetime.Scoped);
                break;
            default:
                throw new StartupConfigurationException(ProviderKey,
                    $"unknown database provider '{provider}'; supported: {DatabaseProvider.Sqlite}.");
        }

        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}

public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
}
