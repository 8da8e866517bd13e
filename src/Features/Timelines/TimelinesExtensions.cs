using AdminPortal.Data;
using AdminPortal.Features.Service;
using AdminPortal.Features.Sunset;
using AdminPortal.Features.Accounts.Administration;

namespace AdminPortal.Features.Timelines;

public static class TimelinesExtensions
{
    /// <summary>
    /// The timeline store (events, match keys, trigger identities): its stores, their provider SQL, the match-key
    /// rebuild at start-up, the <c>attribute-values</c> options provider and the sunset step that ends identities.
    /// </summary>
    public static IHostApplicationBuilder AddTimelines(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddProviderSql<ITimelineSql>(() => new SqliteTimelineSql(), () => new PostgresTimelineSql());
        builder.AddProviderSql<ITriggerIdentitySql>(() => new SqliteTriggerIdentitySql(), () => new PostgresTriggerIdentitySql());

        services.AddSingleton<MatchShapes>();
        services.AddSingleton<IStartupTask, MatchKeyIndexer>();
        services.AddSingleton<MatchingIdentities>();
        services.AddScoped<EventStore>();
        services.AddScoped<AttributeValues>();
        // A named extension point: configuration refers to it by this key (validated at start-up).
        services.AddKeyedScoped<IDynamicOptionsProvider>(AttributeValues.ProviderName, (sp, _) => sp.GetRequiredService<AttributeValues>());
        services.AddSingleton<IdentityWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<IdentityWriter>());
        services.AddScoped<ISunsetStep, ArchiveIdentitiesAtSunset>();
        services.AddScoped<IUserDataEraser, TimelineUserEraser>();
        return builder;
    }
}
