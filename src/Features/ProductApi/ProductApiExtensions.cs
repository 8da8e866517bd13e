using AdminPortal.Shared;
using System.Net;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ifttt.Queries;
using AdminPortal.Features.Service;
using AdminPortal.Features.ProductApi.Actions;
using AdminPortal.Features.ProductApi.Calls;
using AdminPortal.Features.ProductApi.Options;
using AdminPortal.Features.ProductApi.Queries;
using AdminPortal.Features.ProductApi.Requests;
using AdminPortal.Features.ProductLink;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Features.ProductApi;

public static class ProductApiExtensions
{
    /// <summary>
    /// The request engine and its three uses (the <c>http</c> action handler, <c>product</c> dropdowns, product-backed
    /// queries). Call before <c>AddIfttt</c>: the service declaration is validated against the names registered here.
    /// </summary>
    public static IHostApplicationBuilder AddProductApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var requests = ProductRequests.Load(builder.Configuration);
        services.AddSingleton(requests);
        services.AddOptions<ProductOptions>().BindConfiguration(ProductOptions.Section);
        services.AddOptions<ProductRequestOptions>().BindConfiguration(ProductRequestOptions.Section).ValidateKeysOnStart(ProductRequestOptions.Section);
        services.AddMemoryCache();

        var timeout = builder.Configuration.GetValue<TimeSpan?>($"{ProductOptions.Section}:Timeout") ?? new ProductOptions().Timeout;
        services.AddHttpClient(ProductClient.HttpClientName, client =>
            {
                // The per-call deadline (Product:Timeout or the request's own) is a cancellation token; this is a backstop.
                client.Timeout = DeclaredRequestParser.MaxTimeout + TimeSpan.FromSeconds(1);
                client.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect could carry the user's bearer token to another host: the product's API answers, or fails.
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = timeout,
                AutomaticDecompression = DecompressionMethods.All,
            });

        services.AddSingleton<ProductCallWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ProductCallWriter>());
        services.AddScoped<ProductClient>();
        services.AddScoped<TemplateModel>();
        services.TryAddScoped<ProductCallStore>();
        services.AddTransient<ProductCallPruneJob>();

        // Named extension points of the Ifttt feature; configuration refers to them by these keys.
        services.AddKeyedScoped<IActionHandler, HttpActionHandler>(ProductRequests.Handler);
        services.AddKeyedScoped<IDynamicOptionsProvider, ProductDynamicOptions>(ProductRequests.OptionsProvider);
        foreach (var query in requests.QuerySlugs)
        {
            services.AddKeyedScoped<IQuerySource, ProductQuerySource>(query);
        }
        foreach (var (trigger, field) in requests.ValidatedFields)
        {
            services.AddKeyedScoped<IRemoteFieldValidator, ProductFieldValidator>(IRemoteFieldValidator.KeyFor(trigger, field));
        }
        return builder;
    }
}
