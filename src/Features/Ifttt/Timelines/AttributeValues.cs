using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Ifttt.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.Timelines;

/// <summary>
/// Questions about the attribute values a user has reported: the <c>attribute-values</c> options
/// provider and the actions' SKIP rule. Off the poll path, so a scan of one user's events is acceptable.
/// </summary>
public sealed class AttributeValues(AppDbContext db) : IDynamicOptionsProvider
{
    public const string ProviderName = "attribute-values";
    private const int MaxOptions = 500;

    public async Task<IReadOnlyList<OptionItem>> GetOptionsAsync(DynamicOptionsContext context, CancellationToken ct)
    {
        var path = JsonPath(context.Field.Matches);
        var values = await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT json_extract("Attributes", {path}) AS "Value" FROM "TimelineEvents"
            WHERE "UserId" = {context.UserId} AND ({context.Trigger} IS NULL OR "Trigger" = {context.Trigger})
              AND json_extract("Attributes", {path}) IS NOT NULL
            ORDER BY 1 LIMIT {MaxOptions}
            """).ToListAsync(ct);
        return [.. values.Select(v => new OptionItem(v, v))];
    }

    /// <summary>Whether the user ever reported <paramref name="value"/> as <paramref name="attribute"/>, in any trigger's events.</summary>
    public Task<bool> HasSeenAsync(string userId, string attribute, string value, CancellationToken ct)
    {
        var path = JsonPath(attribute);
        return db.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value" FROM "TimelineEvents"
            WHERE "UserId" = {userId} AND json_extract("Attributes", {path}) = {value} LIMIT 1
            """).AnyAsync(ct);
    }

    /// <summary>A JSON path naming the member literally, whatever characters the attribute name has.</summary>
    private static string JsonPath(string attribute) => "$.\"" + attribute.Replace("\"", "\\\"") + "\"";
}
