using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Ifttt.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.Timelines;

/// <summary>
/// Questions about the attribute values a user has reported: the <c>attribute-values</c> options
/// provider and the actions' SKIP rule. Off the poll path, so a scan of one user's events is acceptable; the user's
/// events are found through their whole-timeline match keys (CROSS JOIN keeps that index as SQLite's outer loop).
/// </summary>
public sealed class AttributeValues(AppDbContext db, MatchShapes shapes) : IDynamicOptionsProvider
{
    public const string ProviderName = "attribute-values";
    private const int MaxOptions = 500;

    public async Task<IReadOnlyList<OptionItem>> GetOptionsAsync(DynamicOptionsContext context, CancellationToken ct)
    {
        var path = JsonPath(context.Field.Matches);
        var keys = Keys(context.Trigger is null ? shapes.AllWholeTimelineKeys : [shapes.WholeTimelineKey(context.Trigger)]);
        var values = await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT json_extract(e."Attributes", {path}) AS "Value"
            FROM "EventMatchKeys" AS k CROSS JOIN "TimelineEvents" AS e ON e."Id" = k."EventId"
            WHERE k."UserId" = {context.UserId} AND k."MatchKey" IN (SELECT value FROM json_each({keys}))
              AND json_extract(e."Attributes", {path}) IS NOT NULL
            ORDER BY 1 LIMIT {MaxOptions}
            """).ToListAsync(ct);
        return [.. values.Select(v => new OptionItem(v, v))];
    }

    /// <summary>Whether the user ever reported <paramref name="value"/> as <paramref name="attribute"/>, in any trigger's events.</summary>
    public Task<bool> HasSeenAsync(string userId, string attribute, string value, CancellationToken ct)
    {
        var path = JsonPath(attribute);
        var keys = Keys(shapes.AllWholeTimelineKeys);
        return db.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value"
            FROM "EventMatchKeys" AS k CROSS JOIN "TimelineEvents" AS e ON e."Id" = k."EventId"
            WHERE k."UserId" = {userId} AND k."MatchKey" IN (SELECT value FROM json_each({keys}))
              AND json_extract(e."Attributes", {path}) = {value}
            LIMIT 1
            """).AnyAsync(ct);
    }

    private static string Keys(IEnumerable<long> keys) => JsonSerializer.Serialize(keys);

    /// <summary>A JSON path naming the member literally, whatever characters the attribute name has.</summary>
    private static string JsonPath(string attribute) => "$.\"" + attribute.Replace("\"", "\\\"") + "\"";
}
