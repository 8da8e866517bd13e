using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AdminPortal.UnitTests;

/// <summary>A bUnit context that can render MudBlazor admin components: loose JS interop, MudBlazor services, configuration.</summary>
public abstract class AdminBunitContext : BunitContext
{
    protected AdminBunitContext(IDictionary<string, string?>? settings = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        Services.AddSingleton(TimeProvider.System);
    }
}
