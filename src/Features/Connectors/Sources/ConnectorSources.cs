using System.Collections.Frozen;
using System.Globalization;
using AdminPortal.Data;
using AdminPortal.Features.ProductApi.Requests;
using Json.Pointer;

namespace AdminPortal.Features.Connectors.Sources;

/// <summary>
/// Every trigger's <c>Source</c> block, parsed and validated while the app is composed: a mistake stops start-up naming
/// its configuration path (e.g. <c>Service:Triggers:0:Source:Map:Ingredients:opened_at</c>). Read beside the Ifttt
/// feature's own binding of the <c>Service</c> section, which ignores these keys.
/// </summary>
public sealed class ConnectorSources
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private ConnectorSources(IReadOnlyList<TriggerSource> sources)
    {
        All = sources;
        Polled = [.. sources.Where(s => s.Poll is not null)];
        Webhooks = sources.Where(s => s.Webhook is not null).GroupBy(s => s.Webhook!.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<TriggerSource>)[.. g], StringComparer.Ordinal);
    }

    public IReadOnlyList<TriggerSource> All { get; }
    public IReadOnlyList<TriggerSource> Polled { get; }

    /// <summary>Webhook name → the triggers it feeds (one webhook may feed several, told apart by their filters).</summary>
    public FrozenDictionary<string, IReadOnlyList<TriggerSource>> Webhooks { get; }

    public TriggerSource? ForTrigger(string trigger) => All.FirstOrDefault(s => s.Trigger == trigger);

    public static ConnectorSources Load(IConfiguration configuration)
    {
        var sources = new List<TriggerSource>();
        foreach (var trigger in configuration.GetSection("Service:Triggers").GetChildren())
        {
            var source = trigger.GetSection("Source");
            if (source.Exists())
            {
                sources.Add(Source(trigger, source));
            }
        }
        foreach (var name in sources.Where(s => s.Webhook is not null).GroupBy(s => s.Webhook!.Name))
        {
            var first = name.First().Webhook!;
            if (name.Skip(1).Any(s => s.Webhook!.Secret != first.Secret || s.Webhook.SharedSecret != first.SharedSecret
                || s.Webhook.SharedSecretHeader != first.SharedSecretHeader || s.Webhook.Tolerance != first.Tolerance))
            {
                throw new StartupConfigurationException($"{name.Last().ConfigPath}:Webhook",
                    $"webhook '{name.Key}' is declared by several triggers with different secrets or tolerance; they must agree.");
            }
        }
        return new ConnectorSources(sources);
    }

    private static TriggerSource Source(IConfigurationSection trigger, IConfigurationSection source)
    {
        var slug = trigger["Slug"]?.Trim() ?? "";
        var poll = source.GetSection("Poll");
        var webhook = source.GetSection("Webhook");
        if (!poll.Exists() && !webhook.Exists())
        {
            throw new StartupConfigurationException(source.Path, "needs a Poll or a Webhook block (or both).");
        }
        var declared = trigger.GetSection("Ingredients").GetChildren().Select(i => i["Slug"]?.Trim() ?? "").ToList();
        var attributes = trigger.GetSection("Attributes").GetChildren().Select(a => a.Value ?? "").ToList();
        return new TriggerSource(slug,
            poll.Exists() ? Poll(poll) : null,
            webhook.Exists() ? Webhook(webhook) : null,
            Map(source.GetSection("Map"), declared, attributes),
            source.Path);
    }

    private static PollSource Poll(IConfigurationSection poll)
    {
        var requestSection = poll.GetSection("Request");
        if (!requestSection.Exists())
        {
            throw new StartupConfigurationException(requestSection.Path, "is required: the product API call that lists new events (e.g. Path: /api/events?after={{ cursor }}).");
        }
        var request = DeclaredRequestParser.Parse(requestSection);
        var interval = Span(poll, "Interval", TimeSpan.FromMinutes(1));
        if (interval < MinInterval)
        {
            throw new StartupConfigurationException($"{poll.Path}:Interval", $"must be at least {MinInterval}.");
        }
        var maxPages = 10;
        if (poll["MaxPages"] is { Length: > 0 } pages && (!int.TryParse(pages, CultureInfo.InvariantCulture, out maxPages) || maxPages is < 1 or > 1000))
        {
            throw new StartupConfigurationException($"{poll.Path}:MaxPages", $"'{pages}' is not a whole number between 1 and 1000.");
        }
        return new PollSource(request,
            DeclaredRequestParser.Pointer(poll["Items"] ?? "/data", $"{poll.Path}:Items")!.Value,
            DeclaredRequestParser.Pointer(poll["NextCursor"], $"{poll.Path}:NextCursor"),
            interval, maxPages, Filter(poll.GetSection("Filter")));
    }

    private static WebhookSource Webhook(IConfigurationSection webhook)
    {
        var name = webhook["Name"]?.Trim() ?? "";
        if (name.Length is 0 or > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new StartupConfigurationException($"{webhook.Path}:Name", "is required: letters, digits, '-' or '_' (the {source} of /api/v1/webhooks/{source}).");
        }
        var secret = webhook["Secret"]?.Trim() is { Length: > 0 } s ? s : null;
        var header = webhook["SharedSecretHeader"]?.Trim() is { Length: > 0 } h ? h : null;
        var shared = webhook["SharedSecret"] is { Length: > 0 } v ? v : null;
        if ((secret is null) == (header is null))
        {
            throw new StartupConfigurationException(webhook.Path, "needs exactly one of Secret (Standard Webhooks, whsec_…) or SharedSecretHeader with SharedSecret.");
        }
        if (secret is not null)
        {
            try
            {
                _ = new StandardWebhooks.StandardWebhook(secret);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new StartupConfigurationException($"{webhook.Path}:Secret", "is not a Standard Webhooks secret (whsec_ followed by base64).");
            }
        }
        if (header is not null && (shared is null || shared.Length < 16))
        {
            throw new StartupConfigurationException($"{webhook.Path}:SharedSecret", "is required with SharedSecretHeader and must be at least 16 characters.");
        }
        var user = DeclaredRequestParser.Pointer(webhook["User"], $"{webhook.Path}:User")
            ?? throw new StartupConfigurationException($"{webhook.Path}:User", "is required: a JSON Pointer from the payload root to the product's user id (e.g. /data/user_id).");
        return new WebhookSource(name, secret, header, shared, Span(webhook, "Tolerance", DefaultTolerance), user,
            DeclaredRequestParser.Pointer(webhook["Items"], $"{webhook.Path}:Items"), Filter(webhook.GetSection("Filter")));
    }

    private static ItemMap Map(IConfigurationSection map, IReadOnlyList<string> declaredIngredients, IReadOnlyList<string> declaredAttributes)
    {
        if (!map.Exists())
        {
            throw new StartupConfigurationException(map.Path, "is required: how each product item becomes an event (SourceId, OccurredAt, Attributes, Ingredients).");
        }
        var sourceId = Value(map["SourceId"], $"{map.Path}:SourceId")
            ?? throw new StartupConfigurationException($"{map.Path}:SourceId", "is required: the product's id of the item, so a repeat is stored once.");
        var attributes = new Dictionary<string, ItemValue>(StringComparer.Ordinal);
        foreach (var attribute in map.GetSection("Attributes").GetChildren())
        {
            if (!declaredAttributes.Contains(attribute.Key))
            {
                throw new StartupConfigurationException(attribute.Path, $"'{attribute.Key}' is not among the trigger's Attributes ({string.Join(", ", declaredAttributes)}).");
            }
            attributes[attribute.Key] = Value(attribute.Value, attribute.Path) ?? throw new StartupConfigurationException(attribute.Path, "needs a JSON Pointer or a template.");
        }
        var ingredients = new Dictionary<string, ItemValue>(StringComparer.Ordinal);
        foreach (var ingredient in map.GetSection("Ingredients").GetChildren())
        {
            if (!declaredIngredients.Contains(ingredient.Key))
            {
                throw new StartupConfigurationException(ingredient.Path, $"'{ingredient.Key}' is not one of the trigger's Ingredients ({string.Join(", ", declaredIngredients)}).");
            }
            ingredients[ingredient.Key] = Value(ingredient.Value, ingredient.Path) ?? throw new StartupConfigurationException(ingredient.Path, "needs a JSON Pointer or a template.");
        }
        if (declaredIngredients.FirstOrDefault(i => !ingredients.ContainsKey(i)) is { } missing)
        {
            throw new StartupConfigurationException($"{map.Path}:Ingredients:{missing}", "is required: every declared ingredient of the trigger needs a value.");
        }
        return new ItemMap(sourceId, Value(map["OccurredAt"], $"{map.Path}:OccurredAt"),
            attributes.ToFrozenDictionary(StringComparer.Ordinal), ingredients.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>A JSON Pointer when the text starts with '/', otherwise a Liquid template over <c>item</c>.</summary>
    private static ItemValue? Value(string? text, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim();
        return trimmed.StartsWith('/')
            ? new ItemValue.Pointer(DeclaredRequestParser.Pointer(trimmed, path)!.Value, trimmed)
            : new ItemValue.Template(DeclaredRequestParser.Template(text, path), text);
    }

    /// <summary>
    /// <c>Filter: { "/type": "door.opened" }</c>. Configuration keys keep the pointer's slashes; a ':' inside a pointer
    /// would be read as nesting, which no product field name needs.
    /// </summary>
    private static ItemFilter Filter(IConfigurationSection filter)
    {
        var equals = new List<KeyValuePair<JsonPointer, string>>();
        foreach (var rule in filter.GetChildren())
        {
            var pointer = DeclaredRequestParser.Pointer(rule.Key, rule.Path)
                ?? throw new StartupConfigurationException(rule.Path, "needs a JSON Pointer as its name.");
            if (rule.Value is null)
            {
                throw new StartupConfigurationException(rule.Path, "needs the text the value must equal.");
            }
            equals.Add(KeyValuePair.Create(pointer, rule.Value));
        }
        return equals.Count == 0 ? ItemFilter.All : new ItemFilter(equals);
    }

    private static TimeSpan Span(IConfigurationSection section, string key, TimeSpan fallback)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero && value <= TimeSpan.FromDays(1)
            ? value
            : throw new StartupConfigurationException($"{section.Path}:{key}", $"'{text}' is not a time span between 0 and 1 day (e.g. 00:01:00).");
    }
}
