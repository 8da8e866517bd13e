using AdminPortal.Shared;

namespace AdminPortal.Features.Edge;

/// <summary>
/// Browser protections on every page the app serves to people — consent, sign-in and account pages, the dashboard and
/// Hangfire's dashboard under <c>/admin/jobs</c>: no other site may frame them (clickjacking the consent page's Allow
/// button, or an admin's buttons), and scripts run only from the app's own files. The machine APIs (<c>/ifttt</c>,
/// <c>/api</c>) answer JSON to servers and are left alone.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Scripts: only the app's own files (Blazor, MudBlazor, Hangfire's bundle — none needs inline script or eval).
    /// Styles: also inline, which MudBlazor's theme and components and Hangfire's pages write. Connections: the app
    /// itself, which includes the Blazor circuit's websocket on the same host. No form-action: the consent and
    /// product sign-in forms end in redirects to IFTTT and to the product, which form-action would block.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(RoutePrefixes.Ifttt) && !context.Request.Path.StartsWithSegments(RoutePrefixes.Api))
        {
            // At OnStarting, so the headers survive the error handler, which clears a response before it writes its page.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY"; // for browsers that predate frame-ancestors
                headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context.Response);
        }
        return next(context);
    });
}
