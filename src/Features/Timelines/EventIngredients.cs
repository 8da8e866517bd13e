using System.Globalization;
using System.Text.Json;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// Checks an event's ingredients against the trigger's declaration and writes the JSON object that is
/// stored and later returned to IFTTT byte for byte: declared ingredients only, in declared order,
/// dates normalised to ISO 8601 with offset.
/// </summary>
public static class EventIngredients
{
    public static string? Canonical(TriggerDefinition trigger, IReadOnlyDictionary<string, string>? given, out string? error)
    {
        error = null;
        if (given is null)
        {
            error = "'ingredients' (an object) is required.";
            return null;
        }
        var values = new Dictionary<string, string>(trigger.Ingredients.Count, StringComparer.Ordinal);
        foreach (var ingredient in trigger.Ingredients)
        {
            if (!given.TryGetValue(ingredient.Slug, out var value) || value is null)
            {
                error = $"missing ingredient '{ingredient.Slug}'.";
                return null;
            }
            if (Normalise(ingredient.Type, value) is not { } text)
            {
                error = MustBe(ingredient);
                return null;
            }
            values[ingredient.Slug] = text;
        }
        return Write(values);
    }

    /// <summary>The message for an ingredient whose value is not of its declared type.</summary>
    public static string MustBe(IngredientDefinition ingredient) => $"ingredient '{ingredient.Slug}' must be {Describe(ingredient.Type)}.";

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
