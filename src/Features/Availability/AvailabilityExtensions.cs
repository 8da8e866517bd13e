using AdminPortal.Data;

namespace AdminPortal.Features.Availability;

public static class AvailabilityExtensions
{
    /// <summary>The maintenance switch (loaded at start-up) and <see cref="ServiceAvailability"/>.</summary>
    public static IHostApplicationBuilder AddAvailability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceStateStore>();
        builder.Services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<ServiceStateStore>());
        builder.Services.AddSingleton<ServiceAvailability>();
        return builder;
    }
}
