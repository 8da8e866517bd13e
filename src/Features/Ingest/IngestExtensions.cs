using AdminPortal.Shared;
namespace AdminPortal.Features.Ingest;

public static class IngestExtensions
{
    /// <summary>The ingest use case (<see cref="IngestService"/>) and its HTTP API's reader and options.</summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IngestService>();
        services.AddScoped<UserResolver>();
        services.AddSingleton<IngestJson>();
        services.AddSingleton<IngestAdmission>();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateKeysOnStart(IngestOptions.Section);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, IngestJsonContext.Default));
        return builder;
    }
}
