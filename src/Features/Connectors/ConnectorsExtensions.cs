using AdminPortal.Shared;
using AdminPortal.Features.Connectors.Polling;
using AdminPortal.Features.Connectors.Sources;
using AdminPortal.Features.Connectors.Status;
using AdminPortal.Features.Connectors.Webhooks;
using AdminPortal.Features.Accounts.Administration;

namespace AdminPortal.Features.Connectors;

public static class ConnectorsExtensions
{
    /// <summary>
    /// Events from the product without changing it: each trigger's declared <c>Source</c> (polling, webhooks), parsed
    /// here so a mistake stops start-up naming its key. Call after <c>AddProductApi</c> (requests are sent by its client).
    /// </summary>
    public static IHostApplicationBuilder AddConnectors(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(ConnectorSources.Load(builder.Configuration));
        services.AddOptions<ConnectorOptions>().BindConfiguration(ConnectorOptions.Section).ValidateKeysOnStart(ConnectorOptions.Section);
        services.AddScoped<ConnectorIngest>();
        services.AddScoped<CursorStore>();
        services.AddScoped<IUserDataEraser, ConnectorUserEraser>();
        services.AddScoped<ConnectorPoller>();
        services.AddSingleton<ConnectorPollJob>();
        services.AddScoped<ReceivedWebhookStore>();
        services.AddScoped<ReceivedWebhookPruneJob>();
        services.AddScoped<ConnectorStatusQueries>();
        return builder;
    }

    public static IEndpointRouteBuilder MapConnectors(this IEndpointRouteBuilder app) => app.MapWebhooks();
}
