using AdminPortal.Components;
using MudBlazor.Services;

namespace AdminPortal.Features.Admin;

public static class AdminUiExtensions
{
    public static IHostApplicationBuilder AddAdminUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication MapAdminUi(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
