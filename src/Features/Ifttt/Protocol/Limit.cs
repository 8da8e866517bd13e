using System.Text.Json;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>The <c>limit</c> member of trigger and query bodies.</summary>
public static class Limit
{
    public const int Default = 50;

    /// <summary>Absent or null → 50; a non-negative integer as given (no other cap); anything else → an error message.</summary>
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
                return number > int.MaxValue ? int.MaxValue : (int)number;
            }
        }
        error = "limit must be a non-negative integer.";
        return null;
    }
}
