using AdminPortal.Shared;

namespace AdminPortal.Features.Throttling;

public static class ThrottlingExtensions
{
    /// <summary>The <c>RateLimits</c> section (checked at start) and the failure counters every credential check shares.</summary>
    public static IHostApplicationBuilder AddThrottling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateKeysOnStart(RateLimitOptions.Section);
        builder.Services.AddSingleton<FailureThrottle>();
        return builder;
    }
}
