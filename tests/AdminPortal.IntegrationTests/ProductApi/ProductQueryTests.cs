using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.ProductApi;

/// <summary>A query answered by the product's paged API: IFTTT's cursor and limit go through, its cursor comes back.</summary>
public sealed class ProductQueryTests(ProductApiFactory factory) : IClassFixture<ProductApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<System.Text.Json.JsonElement> QueryAsync(string token, string body) =>
        await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/queries/list_door_events", IftttFactory.Json(body), Ct), HttpStatusCode.OK);

    [Fact]
    public async Task Query_PagesThroughTheProductsHistory_WithItsCursorAndMappedIngredients()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");

        var first = await QueryAsync(token, """{"queryFields":{},"limit":2}""");
        var second = await QueryAsync(token, $$"""{"queryFields":{},"limit":2,"cursor":"{{first.GetProperty("cursor").GetString()}}"}""");
        var last = await QueryAsync(token, $$"""{"queryFields":{},"limit":2,"cursor":"{{second.GetProperty("cursor").GetString()}}"}""");

        var rows = first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Concat(last.GetProperty("data").EnumerateArray()).ToList();
        Assert.Equal(["evt_000005", "evt_000004", "evt_000003", "evt_000002", "evt_000001"], rows.Select(r => r.GetProperty("meta").GetProperty("id").GetString()));
        Assert.False(last.TryGetProperty("cursor", out _));
        Assert.Equal("front", rows[0].GetProperty("door").GetString());
        Assert.Equal("living-room", rows[0].GetProperty("room").GetString());
        Assert.Equal("2026-12-02T06:05:00.0000000+00:00", rows[0].GetProperty("opened_at").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 6, 5, 0, TimeSpan.Zero).ToUnixTimeSeconds(), rows[0].GetProperty("meta").GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task Query_FieldValue_FiltersAtTheProduct()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");

        var json = await QueryAsync(token, """{"queryFields":{"door":"back"}}""");

        Assert.Equal(["back", "back"], json.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("door").GetString()));
        Assert.Contains(factory.Product.Calls, c => c.Path == "/api/events/history?limit=50&door=back");
    }

    [Fact]
    public async Task Query_ProductFails_IftttErrorBody()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");
        factory.Product.QueueFault(new StandInProduct.Fault("/api/events/history", Status: 500));

        var response = await factory.IftttClient(token).PostAsync("/ifttt/v1/queries/list_door_events", IftttFactory.Json("""{"queryFields":{}}"""), Ct);

        Assert.Contains("Injected 500.", await HttpAssert.ErrorAsync(response, HttpStatusCode.InternalServerError));
    }
}
