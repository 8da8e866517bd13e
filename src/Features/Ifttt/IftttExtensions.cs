using AdminPortal.Shared;
using System.IO.Compression;
using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Ifttt.Queries;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.Service;
using AdminPortal.Features.Ifttt.Setup;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Timelines;
using Microsoft.AspNetCore.ResponseCompression;

namespace AdminPortal.Features.Ifttt;

public static class IftttExtensions
{
    public const string BasePath = RoutePrefixes.IftttV1;

    /// <summary>The declared service, the IFTTT endpoints' services and their bookkeeping writers.</summary>
    public static IHostApplicationBuilder AddIfttt(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // Named extension points: configuration refers to them by these keys (validated at start-up).
        services.AddKeyedScoped<IActionHandler, RecordActionHandler>(RecordActionHandler.Name);

        services.AddScoped<ActionRunner>();
        services.AddScoped<TestSetupService>();
        services.AddTransient<RequestLogPruneJob>();

        services.AddOptions<RequestLogOptions>().BindConfiguration(RequestLogOptions.Section).ValidateKeysOnStart(RequestLogOptions.Section);

        builder.AddProviderSql<IRequestLogSql>(() => new SqliteRequestLogSql(), () => new PostgresRequestLogSql());
        services.AddSingleton<RequestLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogWriter>());

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, IftttJsonContext.Default));
        services.AddResponseCompression(compression =>
        {
            // Only the machine APIs are compressed (see UseIftttCompression): their bodies echo no secret next to
            // attacker-chosen text, so BREACH does not apply; the HTML pages with antiforgery tokens are left alone.
            compression.EnableForHttps = true;
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["application/json"];
        });
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);
        services.AddOpenApi();
        return builder;
    }

    /// <summary>gzip for /ifttt and /api responses when the client asks (IFTTT sends Accept-Encoding: gzip).</summary>
    public static WebApplication UseIftttCompression(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(RoutePrefixes.Ifttt) || context.Request.Path.StartsWithSegments(RoutePrefixes.Api),
            branch => branch.UseResponseCompression());
        return app;
    }

    /// <summary>Every IFTTT endpoint under /ifttt/v1 and the OpenAPI document.</summary>
    public static WebApplication MapIfttt(this WebApplication app)
    {
        var ifttt = app.MapGroup(BasePath)
            .AddEndpointFilter<RequestLogFilter>()
            .AddEndpointFilter<AvailabilityFilter>()
            .WithTags("IFTTT");

        var keyed = ifttt.MapGroup("").AddEndpointFilter<ServiceKeyFilter>();
        keyed.MapGet("status", StatusEndpoints.Status);
        keyed.MapPost("test/setup", TestSetupEndpoints.SetupAsync);

        var user = ifttt.MapGroup("").AddEndpointFilter<BearerFilter>();
        user.MapGet("user/info", StatusEndpoints.UserInfoAsync);
        user.MapTriggerEndpoints();
        user.MapFieldEndpoints();
        user.MapActionEndpoints();
        user.MapQueryEndpoints();

        // Anything else below /ifttt/v1 (unknown path or method) gets IFTTT's 404 body, never an HTML page.
        ifttt.MapFallback("{**path}", () => IftttResults.NotFound("There is no such IFTTT endpoint.")).ExcludeFromDescription();

        app.MapOpenApi();
        return app;
    }
}
