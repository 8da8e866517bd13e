using AdminPortal.Shared;
using AdminPortal.Features.Dashboard.ActionLog;
using AdminPortal.Features.Dashboard.Identities;
using AdminPortal.Features.Dashboard.Overview;
using AdminPortal.Features.Dashboard.RealtimeLog;
using AdminPortal.Features.Dashboard.ServiceSettings;
using AdminPortal.Features.Dashboard.Timelines;
using AdminPortal.Features.Dashboard.Traffic;
using AdminPortal.Features.Dashboard.Users;
using AdminPortal.Features.ProductApi.Calls;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Features.Dashboard;

/// <summary>
/// The admin dashboard's pages: one folder per page under Features/Dashboard, each with a small query service
/// the page injects (so bUnit renders a page over an in-memory database with the real migrations).
/// </summary>
public static class DashboardExtensions
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateKeysOnStart(DashboardOptions.Section);
        builder.Services.AddDashboardQueries();
        return builder;
    }

    /// <summary>The pages' services alone (the unit tests register these over their own database).</summary>
    public static IServiceCollection AddDashboardQueries(this IServiceCollection services)
    {
        services.AddScoped<ServiceAdmin>();
        services.AddScoped<TimelineQueries>();
        services.AddScoped<TestEventService>();
        services.AddScoped<IdentityQueries>();
        services.AddScoped<TrafficQueries>();
        services.AddScoped<RealtimeQueries>();
        services.AddScoped<ActionQueries>();
        services.TryAddScoped<ProductCallStore>(); // ProductApi's read API over its call log
        services.AddScoped<OverviewQueries>();
        services.AddScoped<OverviewChartQueries>();
        services.AddScoped<UserQueries>();
        services.AddScoped<UserAdministration>();
        return services;
    }
}
