using Bunit;
using Microsoft.AspNetCore.Components;
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

    /// <summary>
    /// Renders as inside the interactive server circuit the admin pages run in (components read
    /// <c>RendererInfo</c>). Touching the renderer builds the service provider: register services first.
    /// </summary>
    protected IRenderedComponent<TComponent> RenderInCircuit<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters);
    }
}
