using AdminPortal.Data;

namespace AdminPortal.Features.Service;

/// <summary>
/// Binds and validates the <c>Service</c> section, so a mistake stops start-up naming its path. Called once the
/// container is built (see <see cref="ServiceExtensions.AddDeclaredService"/>), so every feature's named handlers and
/// options providers are registered by then, whatever order the features were added in.
/// </summary>
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
        return new ServiceValidator(KeyedNames<IActionHandler>(services), KeyedNames<IDynamicOptionsProvider>(services))
            .Validate(options);
    }

    /// <summary>The names keyed services of <typeparamref name="T"/> are registered under: what configuration may refer to.</summary>
    private static HashSet<string> KeyedNames<T>(IServiceCollection services) =>
        [.. services.Where(d => d.ServiceType == typeof(T) && d.IsKeyedService).Select(d => d.ServiceKey).OfType<string>()];
}
