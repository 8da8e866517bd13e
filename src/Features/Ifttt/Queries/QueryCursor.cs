using System.Buffers.Text;
using System.Globalization;
using System.Text;
using AdminPortal.Features.Timelines;

namespace AdminPortal.Features.Ifttt.Queries;

/// <summary>
/// Opaque query cursor: the (time, id) of the last row served, so the next page continues strictly
/// after it. Keyset, not offset: events arriving between pages are newer and never shift a page.
/// </summary>
public static class QueryCursor
{
    private const string Version = "v1";

    public static string Encode(TimelinePosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{Version}.{position.OccurredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}.{position.EventId}"));

    public static TimelinePosition? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('.');
            if (parts is [Version, var ms, var id] && id.Length == 26 &&
                long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs))
            {
                return new TimelinePosition(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), id);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
        }
        return null;
    }
}
