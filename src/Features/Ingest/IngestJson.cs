using System.Globalization;
using System.Text.Json;
using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;

namespace AdminPortal.Features.Ingest;

/// <summary>
/// The ingest API's JSON item → <see cref="NewEvent"/>. Only what JSON adds is checked here (an item that is not an
/// object, values of the wrong JSON type, a date that does not parse); the rules of an event are
/// <see cref="IngestService"/>'s, for every caller alike.
/// </summary>
public sealed class IngestJson(DeclaredService service)
{
    public NewEvent? Read(JsonElement item, out string? error)
    {
        error = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = "an event must be a JSON object.";
            return null;
        }
        var trigger = String(item, "trigger") ?? "";
        var attributes = Attributes(item, out error);
        var ingredients = attributes is null ? null : Ingredients(item, service.FindTrigger(trigger), out error);
        var occurredAt = error is null ? OccurredAt(item, out error) : null;
        var sourceId = error is null ? SourceId(item, out error) : null;
        if (error is not null)
        {
            return null;
        }
        return new NewEvent(String(item, "user") ?? "", trigger, attributes, ingredients, sourceId, occurredAt);
    }

    private static Dictionary<string, string>? Attributes(JsonElement item, out string? error)
    {
        error = null;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty("attributes", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return attributes;
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = "'attributes' must be an object of strings.";
            return null;
        }
        foreach (var member in json.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.String)
            {
                error = $"attribute '{member.Name}' must be a string.";
                return null;
            }
            attributes[member.Name] = member.Value.GetString()!;
        }
        return attributes;
    }

    /// <summary>String members only (null and absent ones are missing); a declared ingredient of another JSON type is refused.</summary>
    private static Dictionary<string, string>? Ingredients(JsonElement item, TriggerDefinition? trigger, out string? error)
    {
        error = null;
        if (!item.TryGetProperty("ingredients", out var json) || json.ValueKind != JsonValueKind.Object)
        {
            return null; // the service names it
        }
        var ingredients = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.String)
            {
                ingredients[member.Name] = member.Value.GetString()!;
            }
            else if (member.Value.ValueKind != JsonValueKind.Null
                     && trigger?.Ingredients.FirstOrDefault(i => i.Slug == member.Name) is { } declared)
            {
                error = EventIngredients.MustBe(declared);
                return null;
            }
        }
        return ingredients;
    }

    private static DateTimeOffset? OccurredAt(JsonElement item, out string? error)
    {
        error = null;
        if (!item.TryGetProperty("occurred_at", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (json.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(json.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }
        error = "'occurred_at' must be an ISO 8601 date and time.";
        return null;
    }

    private static string? SourceId(JsonElement item, out string? error)
    {
        error = null;
        if (!item.TryGetProperty("source_id", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (json.ValueKind != JsonValueKind.String)
        {
            error = IngestService.SourceIdRule;
            return null;
        }
        return json.GetString();
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
