using System.Globalization;
using System.Text.Json;
using AdminPortal.Features.Service;
using AdminPortal.Features.Ingest;
using AdminPortal.Features.ProductApi.Requests;
using Json.Pointer;

namespace AdminPortal.Features.Connectors.Sources;

/// <summary>One item of a product answer or webhook as an event, or the reason it is not one.</summary>
public sealed record MappedItem(int Index, NewEvent? Event, string? Error, bool Filtered = false);

/// <summary>
/// Turns product items into events with a trigger's declared <see cref="ItemMap"/>; the ingest use case then checks
/// them by the same rules as an ingested event (<see cref="IngestService"/>). Every problem names the item's index.
/// </summary>
public static class ItemMapper
{
    /// <summary>The items at <paramref name="items"/> in <paramref name="root"/>: an array's elements, or an object as one item.</summary>
    public static IReadOnlyList<JsonElement>? Items(JsonElement root, JsonPointer? items)
    {
        var found = items is { } p ? ResponseReader.Find(root, p) : root;
        return found?.ValueKind switch
        {
            JsonValueKind.Array => [.. found.Value.EnumerateArray()],
            JsonValueKind.Object => [found.Value],
            _ => null,
        };
    }

    public static bool Passes(ItemFilter filter, JsonElement item) =>
        filter.Rules.All(rule => ResponseReader.Text(item, rule.Key) == rule.Value);

    public static MappedItem Map(TriggerDefinition trigger, ItemMap map, ItemFilter filter, JsonElement item, int index, string user)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Fail(index, "is not a JSON object.");
        }
        if (!Passes(filter, item))
        {
            return new MappedItem(index, null, null, Filtered: true);
        }
        Dictionary<string, object?>? model = null;
        if (Read(map.SourceId, item, ref model) is not { Length: > 0 and <= 200 } sourceId)
        {
            return Fail(index, $"source id ({map.SourceId.Source}) is missing, empty or longer than 200 characters.");
        }
        DateTimeOffset? occurredAt = null; // the time of receipt
        if (map.OccurredAt is { } at)
        {
            if (Read(at, item, ref model) is not { } text
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Fail(index, $"occurred-at ({at.Source}) is missing or not an ISO 8601 date and time.");
            }
            occurredAt = parsed;
        }
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in map.Attributes)
        {
            if (Read(value, item, ref model) is not { } text)
            {
                return Fail(index, $"attribute '{name}' ({value.Source}) is missing.");
            }
            attributes[name] = text;
        }
        var ingredients = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in map.Ingredients)
        {
            if (Read(value, item, ref model) is not { } text)
            {
                return Fail(index, $"ingredient '{name}' ({value.Source}) is missing.");
            }
            ingredients[name] = text;
        }
        return new MappedItem(index, new NewEvent(user, trigger.Slug, attributes, ingredients, sourceId, occurredAt), null);
    }

    private static MappedItem Fail(int index, string problem) => new(index, null, $"items[{index}]: {problem}");

    /// <summary>One declared value of an item (e.g. its source id, the default next cursor).</summary>
    public static string? Read(ItemValue value, JsonElement item)
    {
        Dictionary<string, object?>? model = null;
        return Read(value, item, ref model);
    }

    private static string? Read(ItemValue value, JsonElement item, ref Dictionary<string, object?>? model)
    {
        switch (value)
        {
            case ItemValue.Pointer pointer:
                return ResponseReader.Text(item, pointer.Value);
            case ItemValue.Template template:
                model ??= new Dictionary<string, object?>(StringComparer.Ordinal) { ["item"] = Plain(item) };
                var text = RequestTemplates.RenderText(template.Value, RequestTemplates.Context(model));
                return text.Length == 0 ? null : text;
            default:
                return null;
        }
    }

    /// <summary>JSON as dictionaries, lists and scalars: the shapes Fluid reads members of.</summary>
    private static object? Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => value.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n : value.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
