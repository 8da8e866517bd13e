using AdminPortal.Shared;
using AdminPortal.Data;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.Accounts.Administration;

namespace AdminPortal.Features.ProductLink;

public static class ProductLinkExtensions
{
    /// <summary>The <c>Product</c> section: sign-in through the product, its tokens per user, the broken-link path.</summary>
    public static IHostApplicationBuilder AddProductLink(this IHostApplicationBuilder builder)
    {
        var product = builder.Configuration.GetSection(ProductOptions.Section).Get<ProductOptions>() ?? new ProductOptions();
        ProductOptionsValidator.Validate(product);
        builder.Services.AddOptions<ProductOptions>().BindConfiguration(ProductOptions.Section).ValidateKeysOnStart(ProductOptions.Section);

        // Product tokens are encrypted with Data Protection, set up (keys on disk) by the Secrets feature.
        builder.Services.AddSingleton<ProductTokens>();
        builder.Services.AddSingleton<IProductTokens>(sp => sp.GetRequiredService<ProductTokens>());
        builder.Services.AddSingleton<ProductEndpoints>();
        builder.Services.AddHttpClient<ProductTokenClient>(ProductTokenClient.HttpClientName, http => http.Timeout = product.Timeout);
        builder.Services.AddScoped<ProductLinkBreaker>();
        builder.Services.AddScoped<ProductLinkNotices>();
        builder.Services.AddScoped<ProductLinkStatus>();
        builder.Services.AddScoped<IConnectionRevokedHandler, ProductLinkRevoker>();
        builder.Services.AddScoped<IUserDataEraser, ProductLinkEraser>();
        if (product.IsConfigured)
        {
            ProductSignIn.Add(builder.Services.AddAuthentication(), product);
            builder.Services.AddSingleton<IStartupTask, ProductDiscoveryCheck>();
        }
        return builder;
    }

    public static WebApplication MapProductLink(this WebApplication app)
    {
        ProductSignInEndpoints.Map(app);
        return app;
    }
}
