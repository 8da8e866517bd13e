namespace AdminPortal.Shared;

/// <summary>
/// The app's URL spaces, in one place: middleware that treats a space differently (error bodies, compression, the
/// token-health observer, the status-code pages kept off machine APIs) and the endpoints that live there agree on them.
/// </summary>
public static class RoutePrefixes
{
    /// <summary>IFTTT's service API (service key or bearer).</summary>
    public const string Ifttt = "/ifttt";

    /// <summary>The version of IFTTT's API this service implements; every IFTTT endpoint is below it.</summary>
    public const string IftttV1 = Ifttt + "/v1";

    /// <summary>The product's machine API (ingest, webhooks).</summary>
    public const string Api = "/api";

    /// <summary>The OAuth server's endpoints (OpenIddict).</summary>
    public const string Connect = "/connect";

    /// <summary>The admin dashboard (Blazor) and the Hangfire dashboard below it.</summary>
    public const string Admin = "/admin";
}
