using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Preflight;

/// <summary><c>Preflight</c>: where the dashboard's preflight runs against.</summary>
public sealed class PreflightOptions
{
    public const string Section = "Preflight";

    /// <summary>
    /// The public base URL IFTTT calls (its "API URL prefix"); empty: the origin the dashboard is opened on. Set it when
    /// the app sits behind a proxy, so the preflight goes through the proxy exactly as IFTTT does.
    /// </summary>
    [Url]
    public string? BaseUrl { get; set; }
}
