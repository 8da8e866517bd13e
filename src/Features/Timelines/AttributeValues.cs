using AdminPortal.Data;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// Questions about the attribute values a user has reported: the <c>attribute-values</c> options
/// provider and the actions' SKIP rule. Off the poll path, so a scan of one user's events is acceptable; the user's
/// events are found through their whole-timeline match keys.
/// </summary>
public sealed class AttributeValues(AppDbContext db, MatchShapes shapes, ITimelineSql sql) : IDynamicOptionsProvider
{
    public const string ProviderName = "attribute-values";
    private const int MaxOptions = 500;

    public async Task<IReadOnlyList<OptionItem>> GetOptionsAsync(DynamicOptionsContext context, CancellationToken ct)
    {
        var keys = JsonRows.Values(context.Trigger is null ? shapes.AllWholeTimelineKeys : [shapes.WholeTimelineKey(context.Trigger)]);
        var values = await sql.AttributeValuesAsync(db, context.UserId, keys, context.Field.Matches, MaxOptions, ct);
        return [.. values.Select(v => new OptionItem(v, v))];
    }

    /// <summary>Whether the user ever reported <paramref name="value"/> as <paramref name="attribute"/>, in any trigger's events.</summary>
    public Task<bool> HasSeenAsync(string userId, string attribute, string value, CancellationToken ct) =>
        sql.HasAttributeValueAsync(db, userId, JsonRows.Values(shapes.AllWholeTimelineKeys), attribute, value, ct);
}
