using System.Globalization;
using System.Text.Json;
using AdminPortal.Features.Ifttt.Service;

namespace AdminPortal.Features.Ifttt.Timelines;

/// <summary>
/// Checks an event's ingredients against the trigger's declaration and writes the JSON object that is
/// stored and later returned to IFTTT byte for byte: declared ingredients only, in declared order,
/// dates normalised to ISO 8601 with offset.
/// </summary>
public static class EventIngredients
{
    public static string? Canonical(TriggerDefinition trigger, JsonElement item, out string? error)
    {
        error = null;
        if (!item.TryGetProperty("ingredients", out var json) || json.ValueKind != JsonValueKind.Object)
        {
            error = "'ingredients' (an object) is required.";
            return null;
        }
        var values = new Dictionary<string, string>(trigger.Ingredients.Count, StringComparer.Ordinal);
        foreach (var ingredient in trigger.Ingredients)
        {
            if (!json.TryGetProperty(ingredient.Slug, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                error = $"missing ingredient '{ingredient.Slug}'.";
                return null;
            }
            if (value.ValueKind != JsonValueKind.String || Normalise(ingredient.Type, value.GetString()!) is not { } text)
            {
                error = $"ingredient '{ingredient.Slug}' must be {Describe(ingredient.Type)}.";
                return null;
            }
            values[ingredient.Slug] = text;
        }
        return Write(values);
    }

    public static string Write(IEnumerable<KeyValuePair<string, string>> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (slug, text) in values)
            {
                writer.WriteString(slug, text);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string FormatDate(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string? Normalise(IngredientType type, string value) => type switch
    {
        IngredientType.String => value,
        IngredientType.Url => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? value : null,
        IngredientType.DateTime => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? FormatDate(date)
            : null,
        _ => null,
    };

    private static string Describe(IngredientType type) => type switch
    {
        IngredientType.Url => "an absolute http(s) URL",
        IngredientType.DateTime => "an ISO 8601 date and time",
        _ => "a string",
    };
}
