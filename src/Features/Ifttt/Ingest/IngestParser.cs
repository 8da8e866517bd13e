using System.Globalization;
using System.Text.Json;
using AdminPortal.Features.Ifttt.Service;
using AdminPortal.Features.Ifttt.Timelines;

namespace AdminPortal.Features.Ifttt.Ingest;

/// <summary>An event that passed validation, its user not yet resolved.</summary>
public sealed record ParsedEvent(int Index, string UserRef, NewEvent Event);

/// <summary>Validates ingest items against the declared service; every problem names its item index.</summary>
public sealed class IngestParser(DeclaredService service)
{
    public (List<ParsedEvent> Events, List<string> Errors) Parse(IReadOnlyList<JsonElement> items, DateTimeOffset now)
    {
        var events = new List<ParsedEvent>(items.Count);
        var errors = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var parsed = ParseOne(items[i], i, now, out var error);
            if (parsed is null)
            {
                errors.Add($"events[{i}]: {error}");
            }
            else
            {
                events.Add(parsed);
            }
        }
        return (events, errors);
    }

    private ParsedEvent? ParseOne(JsonElement item, int index, DateTimeOffset now, out string? error)
    {
        error = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = "an event must be a JSON object.";
            return null;
        }
        if (String(item, "user") is not { Length: > 0 } user)
        {
            error = "'user' (a user id or external id) is required.";
            return null;
        }
        if (String(item, "trigger") is not { Length: > 0 } triggerSlug)
        {
            error = "'trigger' is required.";
            return null;
        }
        if (service.FindTrigger(triggerSlug) is not { } trigger)
        {
            error = $"unknown trigger '{triggerSlug}'.";
            return null;
        }
        var attributes = Attributes(item, out error);
        var ingredients = attributes is null ? null : EventIngredients.Canonical(trigger, item, out error);
        var occurredAt = ingredients is null ? null : OccurredAt(item, now, out error);
        var sourceId = occurredAt is null ? null : SourceId(item, out error);
        if (error is not null)
        {
            return null;
        }
        return new ParsedEvent(index, user, new NewEvent(trigger.Slug, attributes!, ingredients!, sourceId, occurredAt!.Value));
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

    private static DateTimeOffset? OccurredAt(JsonElement item, DateTimeOffset now, out string? error)
    {
        error = null;
        if (!item.TryGetProperty("occurred_at", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return now;
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
        if (json.ValueKind != JsonValueKind.String || json.GetString() is not { Length: > 0 and <= 200 } sourceId)
        {
            error = "'source_id' must be a string of 1 to 200 characters.";
            return null;
        }
        return sourceId;
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
