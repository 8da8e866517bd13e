namespace AdminPortal.Data;

/// <summary>
/// Registers a store's provider-specific SQL (its one seam): the implementation for the configured
/// <see cref="DatabaseExtensions.ProviderKey"/>. A second provider is one more argument and one more file
/// (<c>…Sql.Postgres.cs</c>) per store, not edits across features. <see cref="DatabaseExtensions.AddDatabase"/>
/// has already refused an unknown provider.
/// </summary>
public static class ProviderSql
{
    public static IServiceCollection AddProviderSql<TSeam>(this IHostApplicationBuilder builder, Func<TSeam> sqlite, Func<TSeam> postgres)
        where TSeam : class =>
        builder.Services.AddSingleton(DatabaseProvider.Of(builder.Configuration) switch
        {
            DatabaseProvider.Sqlite => sqlite(),
            DatabaseProvider.Postgres => postgres(),
            var other => throw new StartupConfigurationException(DatabaseExtensions.ProviderKey, $"unknown database provider '{other}'."),
        });
}
