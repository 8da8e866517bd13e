using AdminPortal.Features.Preflight.Checklist;
using AdminPortal.Features.Preflight.Runs;
using AdminPortal.Shared;

namespace AdminPortal.Features.Preflight;

public static class PreflightExtensions
{
    /// <summary>The dashboard's preflight: the runner over the declared service, its stored runs, the publish checklist.</summary>
    public static IHostApplicationBuilder AddPreflight(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PreflightOptions>().BindConfiguration(PreflightOptions.Section).ValidateKeysOnStart(PreflightOptions.Section);
        builder.Services.AddSingleton<PreflightRunner>();
        builder.Services.AddSingleton<PreflightStore>();
        builder.Services.AddScoped<PreflightDashboard>();
        builder.Services.AddScoped<PublishChecklist>();
        return builder;
    }
}
