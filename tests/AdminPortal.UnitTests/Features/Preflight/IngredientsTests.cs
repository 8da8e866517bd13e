using System.Text.Json.Nodes;
using AdminPortal.Features.Preflight.Checks;
using AdminPortal.Features.Service;

namespace AdminPortal.UnitTests.Features.Preflight;

/// <summary>The preflight's "every declared ingredient is present and typed" rule.</summary>
public sealed class IngredientsTests
{
    private static readonly IngredientDefinition[] Declared =
        [new("door", IngredientType.String), new("opened_at", IngredientType.DateTime), new("snapshot_url", IngredientType.Url)];

    private static JsonArray Items(string json) => JsonNode.Parse(json)!.AsArray();

    [Fact]
    public void Strings_IsoDatesWithOffset_AbsoluteUrls_Pass() =>
        Assert.Null(Ingredients.Problem(Declared, Items("""
            [{"door":"front","opened_at":"2026-12-04T08:15:00+01:00","snapshot_url":"https://example.com/1.jpg"},
             {"door":"back","opened_at":"2026-12-04T07:15:00.123Z","snapshot_url":"http://example.com/2.jpg"}]
            """)));

    [Theory]
    [InlineData("""[{"door":"front","opened_at":"2026-12-04T08:15:00+01:00"}]""", "Item 0 lacks the ingredient 'snapshot_url'.")]
    [InlineData("""[{"door":3,"opened_at":"2026-12-04T08:15:00Z","snapshot_url":"https://e.com"}]""", "Item 0's ingredient 'door' is 3, not a string.")]
    [InlineData("""[{"door":"f","opened_at":"2026-12-04 08:15","snapshot_url":"https://e.com"}]""", "is not an ISO 8601 date and time with an offset")]
    [InlineData("""[{"door":"f","opened_at":"2026-12-04T08:15:00","snapshot_url":"https://e.com"}]""", "is not an ISO 8601 date and time with an offset")]
    [InlineData("""[{"door":"f","opened_at":"2026-12-04T08:15:00Z","snapshot_url":"/1.jpg"}]""", "is not an absolute http(s) URL")]
    public void Mistakes_NameTheItemAndTheIngredient(string items, string expected) =>
        Assert.Contains(expected, Ingredients.Problem(Declared, Items(items))!.Why);
}
