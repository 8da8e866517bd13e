using AdminPortal.Data;

namespace AdminPortal.Features.Service;

/// <summary>
/// Turns the bound <c>Service</c> section into a <see cref="DeclaredService"/>, or stops start-up with a
/// <see cref="StartupConfigurationException"/> naming the exact configuration path to fix
/// (e.g. <c>Service:Triggers:0:Fields:1:Matches</c>).
/// </summary>
public sealed class ServiceValidator(IReadOnlySet<string> handlerNames, IReadOnlySet<string> optionsProviderNames)
{
    private const string Root = ServiceOptions.Section;

    public DeclaredService Validate(ServiceOptions options)
    {
        var name = Required(options.Name, $"{Root}:Name");
        var slug = Slug(options.Slug, $"{Root}:Slug");

        var triggers = Indexed(options.Triggers, $"{Root}:Triggers", t => t.Slug, ValidateTrigger);
        var actions = Indexed(options.Actions, $"{Root}:Actions", a => a.Slug, ValidateAction);
        var queries = Indexed(options.Queries, $"{Root}:Queries", q => q.Slug,
            (q, path) => ValidateQuery(q, path, triggers));
        if (triggers.Count + actions.Count + queries.Count == 0)
        {
            throw new StartupConfigurationException($"{Root}:Triggers", "the service declares no trigger, action or query.");
        }
        return new DeclaredService(name, slug, triggers, actions, queries);
    }

    private TriggerDefinition ValidateTrigger(TriggerOptions trigger, string path)
    {
        var slug = Slug(trigger.Slug, $"{path}:Slug");
        var attributes = new List<string>();
        for (var i = 0; i < trigger.Attributes.Count; i++)
        {
            var attribute = Required(trigger.Attributes[i], $"{path}:Attributes:{i}");
            if (attributes.Contains(attribute))
            {
                throw new StartupConfigurationException($"{path}:Attributes:{i}", $"duplicate attribute '{attribute}'.");
            }
            attributes.Add(attribute);
        }
        var fields = Fields(trigger.Fields, path, attributes, requireInvalidSample: true);
        return new TriggerDefinition(slug, Required(trigger.Name, $"{path}:Name"), attributes, fields,
            Ingredients(trigger.Ingredients, path));
    }

    private ActionDefinition ValidateAction(ActionOptions action, string path)
    {
        var slug = Slug(action.Slug, $"{path}:Slug");
        var handler = Required(action.Handler, $"{path}:Handler");
        if (!handlerNames.Contains(handler))
        {
            throw new StartupConfigurationException($"{path}:Handler",
                $"unknown action handler '{handler}'; known: {string.Join(", ", handlerNames.Order())}.");
        }
        return new ActionDefinition(slug, Required(action.Name, $"{path}:Name"), handler,
            Fields(action.Fields, path, knownAttributes: null, requireInvalidSample: false));
    }

    private QueryDefinition ValidateQuery(QueryOptions query, string path, IReadOnlyList<TriggerDefinition> triggers)
    {
        var slug = Slug(query.Slug, $"{path}:Slug");
        var triggerSlug = Required(query.Trigger, $"{path}:Trigger");
        var trigger = triggers.FirstOrDefault(t => t.Slug == triggerSlug)
            ?? throw new StartupConfigurationException($"{path}:Trigger", $"no trigger '{triggerSlug}' is declared.");
        var ingredients = query.Ingredients.Count == 0 ? trigger.Ingredients : Ingredients(query.Ingredients, path);
        for (var i = 0; i < ingredients.Count; i++)
        {
            if (trigger.Ingredients.All(t => t.Slug != ingredients[i].Slug))
            {
                throw new StartupConfigurationException($"{path}:Ingredients:{i}:Slug",
                    $"trigger '{triggerSlug}' has no ingredient '{ingredients[i].Slug}' for the query to return.");
            }
        }
        return new QueryDefinition(slug, Required(query.Name, $"{path}:Name"), triggerSlug,
            Fields(query.Fields, path, trigger.Attributes, requireInvalidSample: false), ingredients);
    }

    private List<FieldDefinition> Fields(List<FieldOptions> fields, string owner, IReadOnlyList<string>? knownAttributes, bool requireInvalidSample)
    {
        var definitions = Indexed(fields, $"{owner}:Fields", f => f.Slug,
            (f, path) => FieldValidator.Validate(f, path, knownAttributes, optionsProviderNames, requireInvalidSample));
        // Two fields filtering on one attribute could never both match: the filter key holds one value per attribute.
        for (var i = 0; i < definitions.Count; i++)
        {
            if (knownAttributes is not null && definitions.Take(i).Any(d => d.Matches == definitions[i].Matches))
            {
                throw new StartupConfigurationException($"{owner}:Fields:{i}:Matches",
                    $"another field already matches the attribute '{definitions[i].Matches}'.");
            }
        }
        return definitions;
    }

    private static List<IngredientDefinition> Ingredients(List<IngredientOptions> ingredients, string owner) =>
        Indexed(ingredients, $"{owner}:Ingredients", i => i.Slug, (ingredient, path) =>
        {
            var type = (ingredient.Type ?? "string").ToLowerInvariant() switch
            {
                "string" => IngredientType.String,
                "url" => IngredientType.Url,
                "datetime" => IngredientType.DateTime,
                _ => throw new StartupConfigurationException($"{path}:Type",
                    $"unknown ingredient type '{ingredient.Type}'; supported: string, url, datetime."),
            };
            return new IngredientDefinition(Slug(ingredient.Slug, $"{path}:Slug"), type);
        });

    /// <summary>Validates each item and rejects a slug used twice in the same list.</summary>
    internal static List<TResult> Indexed<TItem, TResult>(List<TItem> items, string path, Func<TItem, string?> slugOf, Func<TItem, string, TResult> validate)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<TResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var slug = slugOf(items[i]);
            if (slug is not null && !seen.Add(slug))
            {
                throw new StartupConfigurationException($"{path}:{i}:Slug", $"duplicate slug '{slug}'.");
            }
            results.Add(validate(items[i], $"{path}:{i}"));
        }
        return results;
    }

    internal static string Required(string? value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new StartupConfigurationException(path, "is required.") : value.Trim();

    /// <summary>IFTTT slugs: lower-case letters, digits and underscores; they appear in URLs and JSON keys.</summary>
    internal static string Slug(string? value, string path)
    {
        var slug = Required(value, path);
        if (!slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new StartupConfigurationException(path, $"'{slug}' is not a slug (use a-z, 0-9 and _).");
        }
        return slug;
    }
}
