using AdminPortal.Shared;
using AdminPortal.Data;
using AdminPortal.Features.Telemetry;

namespace AdminPortal.Features.Realtime;

public static class RealtimeExtensions
{
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RealtimeOptions>()
            .BindConfiguration(RealtimeOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                // The base URL has its own, documented key: Ifttt:RealtimeUrl ("local": the in-app sink).
                if (configuration["Ifttt:RealtimeUrl"] is LocalRealtimeSink.UrlValue)
                {
                    options.LocalSink = true;
                }
                else if (configuration["Ifttt:RealtimeUrl"] is { Length: > 0 } url)
                {
                    options.Url = url;
                }
            })
            // A live instance's send must end inside its lease, or another instance would take the batch over mid-send.
            .Validate(options => options.Lease > options.RequestTimeout,
                $"{RealtimeOptions.Section}:Lease: must be longer than {RealtimeOptions.Section}:RequestTimeout.")
            .ValidateKeysOnStart(RealtimeOptions.Section, new Dictionary<string, string> { ["Url"] = "Ifttt:RealtimeUrl" });

        builder.Services.AddHttpClient(RealtimeSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services =>
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RealtimeOptions>>().Value.LocalSink
                    ? new LocalRealtimeSink()
                    : new SocketsHttpHandler());
        builder.AddProviderSql<IRealtimeSql>(() => new SqliteRealtimeSql(), () => new PostgresRealtimeSql());
        builder.Services.AddSingleton<RealtimeSignal>();
        builder.Services.AddSingleton<RealtimeOutbox>();
        builder.Services.AddSingleton<RealtimeSender>();
        builder.Services.AddSingleton<RealtimeDrainer>();
        builder.Services.AddSingleton<RealtimeAdmin>();
        builder.Services.AddHostedService<RealtimeDispatcher>();
        builder.Services.AddSingleton<IStateGauge, RealtimeQueueDepthGauge>();
        builder.Services.AddSingleton<IStateGauge, RealtimeOldestPendingGauge>();
        return builder;
    }
}
