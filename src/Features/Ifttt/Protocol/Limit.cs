using System.Globalization;
using System.Text.Json;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>The <c>limit</c> member of trigger and query bodies.</summary>
public static class Limit
{
    public const int Default = 50;

    /// <summary>
    /// The most items one poll or query page answers (decision 0018). IFTTT asks for 50 at most; a larger ask is
    /// clamped, not refused, because IFTTT sends the member on every poll and any error there breaks Applets.
    /// </summary>
    public const int Max = 1000;

    /// <summary>
    /// Absent or null → 50; a non-negative integer as given, clamped to <see cref="Max"/> (however large, even past
    /// decimal's range like <c>1e400</c>); anything else → an error message.
    /// </summary>
    public static int? Read(BodyRead body, out string? error)
    {
        error = null;
        if (!body.TryGetMember("limit", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Default;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number == decimal.Truncate(number))
        {
            if (number >= 0)
            {
                return number > Max ? Max : (int)number;
            }
        }
        else if (value.ValueKind == JsonValueKind.Number && IsBeyondDecimal(value.GetRawText()))
        {
            return Max;
        }
        error = "limit must be a non-negative integer.";
        return null;
    }

    // A number too large for decimal (about 7.9e28) has no fractional part worth reading: it is a huge ask.
    private static bool IsBeyondDecimal(string raw) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > (double)decimal.MaxValue;
}
