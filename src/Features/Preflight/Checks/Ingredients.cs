using System.Globalization;
using System.Text.Json.Nodes;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>Every declared ingredient on every item, as a string of its declared type (IFTTT sends and expects strings).</summary>
internal static class Ingredients
{
    public static PreflightProblem? Problem(IReadOnlyList<IngredientDefinition> declared, JsonArray items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var ingredient in declared)
            {
                var node = items[i]?[ingredient.Slug];
                if (node is null)
                {
                    return new($"Item {i} lacks the ingredient '{ingredient.Slug}'.",
                        $"Every item needs every declared ingredient; store '{ingredient.Slug}' with each event (or remove it from the declaration).");
                }
                if (Expect.String(node) is not { } value)
                {
                    return new($"Item {i}'s ingredient '{ingredient.Slug}' is {node.ToJsonString()}, not a string.",
                        "Send ingredient values as JSON strings, whatever their type.");
                }
                if (TypeProblem(ingredient, value) is { } problem)
                {
                    return new($"Item {i}'s ingredient '{ingredient.Slug}' ({value}) {problem}.",
                        ingredient.Type == IngredientType.Url
                            ? "URL ingredients must be absolute http(s) URLs."
                            : "Date ingredients must be ISO 8601 with an offset, e.g. 2026-12-04T08:15:00+01:00.");
                }
            }
        }
        return null;
    }

    private static string? TypeProblem(IngredientDefinition ingredient, string value) => ingredient.Type switch
    {
        IngredientType.Url => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null : "is not an absolute http(s) URL",
        IngredientType.DateTime => IsIsoWithOffset(value) ? null : "is not an ISO 8601 date and time with an offset",
        _ => null,
    };

    private static bool IsIsoWithOffset(string value) =>
        value.Length >= 20 && value[10] == 'T' && (value.EndsWith('Z') || value[^6] is '+' or '-')
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);
}
