using System.Globalization;

namespace AdminPortal.Components.Shared;

/// <summary>
/// The admin's time zone, cascaded from the admin layout. The layout asks the browser (Intl) once per circuit;
/// until then, and wherever no layout cascades it (bUnit), times show in UTC.
/// </summary>
public sealed record AdminTimeZone(TimeZoneInfo Zone)
{
    public static readonly AdminTimeZone Utc = new(TimeZoneInfo.Utc);

    public string Name => Zone == TimeZoneInfo.Utc ? "UTC" : Zone.Id;

    public DateTimeOffset Convert(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);

    public string Format(DateTimeOffset value, string format = "yyyy-MM-dd HH:mm:ss") =>
        Convert(value).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>An IANA id from the browser; unknown ids fall back to UTC.</summary>
    public static AdminTimeZone FromBrowser(string? ianaId) =>
        ianaId is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? new AdminTimeZone(zone) : Utc;
}
