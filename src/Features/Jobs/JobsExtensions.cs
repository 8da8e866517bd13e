using AdminPortal.Shared;
using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Telemetry;
using Hangfire;
using Hangfire.AspNetCore;

namespace AdminPortal.Features.Jobs;

public static class JobsExtensions
{
    public const string DashboardPath = RoutePrefixes.Admin + "/jobs";

    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var createStorage = JobStorageSetup.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddOptions<JobScheduleOptions>().BindConfiguration(JobScheduleOptions.Section).ValidateKeysOnStart(JobScheduleOptions.Section);

        // Hangfire's defaults are process-wide statics (JobStorage.Current, JobActivator.Current): two hosts in
        // one process (tests) would run each other's jobs in each other's containers. Registered first, these
        // per-host instances win over AddHangfire's TryAdd fallbacks.
        builder.Services.AddSingleton(_ => createStorage());
        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((services, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .UseFilter(new JobFailureMetrics(services.GetRequiredService<AppMetrics>())));
        builder.Services.AddHangfireServer(server =>
        {
            server.SchedulePollingInterval = JobStorageSetup.QueuePollInterval;
            server.WorkerCount = Math.Max(2, Environment.ProcessorCount);
        });
        builder.Services.AddSingleton<IStartupTask, RecurringJobsRegistrar>();
        return builder;
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        // Same cookie and Admin policy as the admin pages; Hangfire's own local-only filter is dropped
        // because the policy already decides, and anonymous users are sent to the login page.
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, DashboardPath, new DashboardOptions
        {
            Authorization = [],
            DashboardTitle = "AdminPortal jobs",
            AppPath = RoutePrefixes.Admin,
        });
        return app;
    }
}
