using AdminPortal.Data;

namespace AdminPortal.Features.Ifttt.Service;

/// <summary>Binds and validates the <c>Service</c> section while the app is composed, so a mistake stops start-up naming its path.</summary>
public static class ServiceLoader
{
    public static DeclaredService Load(IConfiguration configuration, IServiceCollection services)
    {
        ServiceOptions options;
        try
        {
            options = configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new StartupConfigurationException(ServiceOptions.Section, $"cannot be read ({ex.Message}).");
        }
        return new ServiceValidator(KeyedNames<Actions.IActionHandler>(services), KeyedNames<IDynamicOptionsProvider>(services))
            .Validate(options);
    }

    /// <summary>The names keyed services of <typeparamref name="T"/> are registered under: what configuration may refer to.</summary>
    private static HashSet<string> KeyedNames<T>(IServiceCollection services) =>
        [.. services.Where(d => d.ServiceType == typeof(T) && d.IsKeyedService).Select(d => d.ServiceKey).OfType<string>()];
}
