using System.Text.Json;

namespace AdminPortal.Features.Service;

/// <summary>Reads IFTTT's field objects (<c>triggerFields</c>, <c>actionFields</c>, <c>queryFields</c>).</summary>
public static class FieldValues
{
    /// <summary>
    /// The declared fields' values as strings (null when absent or null). Numbers and booleans are taken
    /// as their JSON text; location objects are kept as JSON text. Undeclared members are ignored.
    /// </summary>
    public static Dictionary<string, string?> Read(JsonElement fields, IReadOnlyList<FieldDefinition> declared)
    {
        var values = new Dictionary<string, string?>(declared.Count, StringComparer.Ordinal);
        foreach (var field in declared)
        {
            values[field.Slug] = fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(field.Slug, out var value)
                ? AsString(value)
                : null;
        }
        return values;
    }

    public static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>The first required field without a value, for the 400 IFTTT expects.</summary>
    public static FieldDefinition? MissingRequired(IReadOnlyList<FieldDefinition> declared, IReadOnlyDictionary<string, string?> values) =>
        declared.FirstOrDefault(f => f.Required && string.IsNullOrEmpty(values.GetValueOrDefault(f.Slug)));
}
