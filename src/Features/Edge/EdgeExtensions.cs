using Microsoft.AspNetCore.CookiePolicy;

namespace AdminPortal.Features.Edge;

/// <summary>
/// Where the app meets the network (decision 0019): a TLS-terminating reverse proxy in front, HTTPS required of
/// browsers outside Development, and browser protections on its pages.
/// </summary>
public static class EdgeExtensions
{
    public static IHostApplicationBuilder AddEdge(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure(ForwardedHeadersSetup.Read(builder.Configuration));
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        builder.Services.Configure<CookiePolicyOptions>(cookies =>
            // Every cookie the app sets — sign-in, antiforgery, the product sign-in's correlation cookies — is Secure
            // outside Development; `dotnet run` serves plain http on localhost, where only https requests get Secure ones.
            cookies.Secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        return builder;
    }

    /// <summary>First in the pipeline: everything after it, OpenIddict included, sees the client's scheme, host and address.</summary>
    public static WebApplication UseEdge(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // only on https responses, and never for localhost
        }
        app.UseCookiePolicy();
        app.UseSecurityHeaders();
        return app;
    }
}
