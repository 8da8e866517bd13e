using AdminPortal.Data;

namespace AdminPortal.Features.Service;

public static class ServiceExtensions
{
    /// <summary>
    /// The declared service (<c>Service</c> section) and its start-up check. It is built from the finished container,
    /// not while features are still being added: names in configuration (<c>Handler</c>, <c>DynamicOptions</c>)
    /// are checked against every keyed registration, so no feature has to be added before the one that names it.
    /// </summary>
    public static IHostApplicationBuilder AddDeclaredService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // The collection is complete (and read-only) by the time the container first builds this singleton.
        services.AddSingleton(_ => ServiceLoader.Load(configuration, services));
        services.AddSingleton<IStartupTask, DeclaredServiceCheck>();
        return builder;
    }

    /// <summary>Builds the declared service at start-up, so a configuration mistake stops the app before it serves.</summary>
    private sealed class DeclaredServiceCheck : IStartupTask
    {
        public Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            services.GetRequiredService<DeclaredService>();
            return Task.CompletedTask;
        }
    }
}
