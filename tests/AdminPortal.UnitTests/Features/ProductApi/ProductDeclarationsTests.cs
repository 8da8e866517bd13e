using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.ProductApi;
using AdminPortal.Features.ProductApi.Actions;
using AdminPortal.Features.ProductApi.Options;
using AdminPortal.Features.ProductApi.Requests;
using AdminPortal.Features.Service;
using Microsoft.Extensions.Configuration;

namespace AdminPortal.UnitTests.Features.ProductApi;

public sealed class ProductDeclarationsTests
{
    private static ProductRequests Load(Dictionary<string, string?> values) =>
        ProductRequests.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    private static readonly Dictionary<string, string?> Lights = new()
    {
        ["Product:ApiBaseUrl"] = "http://127.0.0.1:5090",
        ["Service:Actions:0:Slug"] = "turn_on_lights",
        ["Service:Actions:0:Handler"] = "http",
        ["Service:Actions:0:Request:Method"] = "POST",
        ["Service:Actions:0:Request:Path"] = "/api/rooms/{{ fields.room }}/lights/on",
        ["Service:Actions:0:Request:SkipStatuses:0"] = "404",
        ["Service:Actions:0:Fields:0:Slug"] = "room",
        ["Service:Actions:0:Fields:0:DynamicOptions"] = "product",
        ["Service:Actions:0:Fields:0:OptionsRequest:Path"] = "/api/doors",
        ["Service:Actions:0:Fields:0:OptionsRequest:Group"] = "/room",
    };

    private static Dictionary<string, string?> With(string key, string? value) => new(Lights) { [key] = value };

    [Theory]
    [InlineData("Service:Actions:0:Request:Path", null, "Service:Actions:0:Request:Path")]
    [InlineData("Service:Actions:0:Fields:0:OptionsRequest:Path", null, "Service:Actions:0:Fields:0:OptionsRequest:Path")]
    [InlineData("Service:Actions:0:Fields:0:OptionsRequest:CacheFor", "a while", "Service:Actions:0:Fields:0:OptionsRequest:CacheFor")]
    [InlineData("Product:ApiBaseUrl", null, "Product:ApiBaseUrl")]
    [InlineData("Product:ApiBaseUrl", "/relative", "Product:ApiBaseUrl")]
    [InlineData("Service:Actions:0:Request:Auth", "service", "Product:ServiceToken")]
    [InlineData("Product:Signing:Secret", "whsec_***not base64***", "Product:Signing:Secret")]
    public void Load_MissingOrWrong_NamesTheKey(string key, string? value, string expected)
    {
        var values = With(key, value);
        if (value is null)
        {
            values.Remove(key);
        }
        Assert.Equal(expected, Assert.Throws<StartupConfigurationException>(() => Load(values)).Key);
    }

    [Fact]
    public void Options_GroupPointer_GroupsInFirstSeenOrder()
    {
        var declared = Load(Lights).Options("actions/turn_on_lights", "room")!;
        using var body = JsonDocument.Parse("""
            {"data":[{"id":"front","name":"Front door","room":"living-room"},{"id":"garage","name":"Garage door","room":"garage"},
                     {"id":"back","name":"Back door","room":"living-room"},{"name":"no id"}]}
            """);

        var options = ProductDynamicOptions.Read(body.RootElement, declared)!;

        Assert.Equal(["living-room", "garage"], options.Select(g => g.Label));
        Assert.All(options, g => Assert.Null(g.Value));
        Assert.Equal(["front", "back"], options[0].Values!.Select(o => o.Value));
        Assert.Equal("{\"label\":\"living-room\",\"values\":[{\"label\":\"Front door\",\"value\":\"front\"},{\"label\":\"Back door\",\"value\":\"back\"}]}",
            JsonSerializer.Serialize(options[0], JsonSerializerOptions.Web));
    }

    [Fact]
    public void Options_NoListWhereDeclared_IsNullNotEmpty()
    {
        var declared = Load(Lights).Options("actions/turn_on_lights", "room")!;
        using var body = JsonDocument.Parse("""{"error":"oops"}""");
        Assert.Null(ProductDynamicOptions.Read(body.RootElement, declared));
    }

    [Theory]
    [InlineData(ProductCallOutcome.Success, 201, typeof(ActionOutcome.Success))]
    [InlineData(ProductCallOutcome.Skip, 404, typeof(ActionOutcome.Skip))]
    [InlineData(ProductCallOutcome.Refused, null, typeof(ActionOutcome.Skip))]
    [InlineData(ProductCallOutcome.Failed, 429, typeof(ActionOutcome.Fail))]
    [InlineData(ProductCallOutcome.Failed, 503, typeof(ActionOutcome.Fail))]
    [InlineData(ProductCallOutcome.Timeout, null, typeof(ActionOutcome.Fail))]
    [InlineData(ProductCallOutcome.NetworkError, null, typeof(ActionOutcome.Fail))]
    [InlineData(ProductCallOutcome.LinkBroken, null, typeof(ActionOutcome.Unauthorized))]
    public void Map_ProductOutcome_IsTheIftttAnswer(ProductCallOutcome outcome, int? status, Type expected)
    {
        var declared = Load(Lights).Action("turn_on_lights")!;
        Assert.IsType(expected, HttpActionHandler.Map(new ProductResponse(outcome, status, default, "m", 1), declared, "log1"));
    }

    [Fact]
    public void Map_SuccessWithoutAnId_AnswersTheLogEntryId()
    {
        var declared = Load(Lights).Action("turn_on_lights")!;
        using var body = JsonDocument.Parse("""{"status":"done","id":42}""");
        Assert.Equal(new ActionOutcome.Success("log1"), HttpActionHandler.Map(new ProductResponse(ProductCallOutcome.Success, 201, body.RootElement.Clone(), "", 1), declared, "log1"));
    }
}
