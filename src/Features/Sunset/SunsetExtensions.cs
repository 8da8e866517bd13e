using AdminPortal.Shared;
using AdminPortal.Data;

namespace AdminPortal.Features.Sunset;

public static class SunsetExtensions
{
    public static IHostApplicationBuilder AddSunset(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SunsetOptions>().BindConfiguration(SunsetOptions.Section).ValidateKeysOnStart(SunsetOptions.Section);
        builder.Services.AddSingleton<ServiceLifecycle>();
        builder.Services.AddSingleton<IStartupTask, ServiceLifecycle.Loader>();
        builder.Services.AddSingleton<NoticeSender>();
        builder.Services.AddSingleton<NoticeTemplates>();
        builder.Services.AddSingleton<SunsetPlanner>();
        builder.Services.AddSingleton<ReconnectNotices>();
        builder.Services.AddScoped<SunsetJobs>();
        builder.Services.AddSingleton<SunsetOverview>();
        return builder;
    }
}
