using System.Text.Json;

namespace AdminPortal.Features.Dashboard.Shared;

/// <summary>A stored JSON object (fields, attributes, ingredients) as name/value pairs for display; bad JSON shows raw.</summary>
public static class JsonPairs
{
    public static List<KeyValuePair<string, string>> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [KeyValuePair.Create("", json)];
            }
            return [.. doc.RootElement.EnumerateObject().Select(p =>
                KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
        }
        catch (JsonException)
        {
            return [KeyValuePair.Create("", json)];
        }
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Indents JSON for reading; the content is unchanged.</summary>
    public static string Pretty(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(doc.RootElement, Indented);
    }
}
