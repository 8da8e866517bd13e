namespace AdminPortal.Features.OAuth.Authorize;

/// <summary>
/// The account pages' look for the few pages written outside Blazor (OpenIddict's error path, the
/// retired-service page). Callers HTML-encode everything they pass in.
/// </summary>
internal static class PlainPage
{
    public static string Html(string encodedBrand, string encodedTitle, string bodyHtml) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{encodedTitle}} · {{encodedBrand}}</title>
        <link href="/css/app.css" rel="stylesheet"></head>
        <body><div class="account-shell"><header class="account-header"><a href="/Account">{{encodedBrand}}</a></header>
        <main class="account-main">
        {{bodyHtml}}
        </main></div></body></html>
        """;
}
