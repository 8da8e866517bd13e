using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.ProductApi;

/// <summary>The room dropdown lists what the product says the user has.</summary>
public sealed class ProductOptionsTests(ProductApiFactory factory) : IClassFixture<ProductApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> OptionsAsync(string token) =>
        await factory.IftttClient(token).PostAsync("/ifttt/v1/actions/turn_on_lights/fields/room/options", IftttFactory.Json("{}"), Ct);

    [Fact]
    public async Task Options_ListTheUsersOwnRooms_NotAnotherUsers()
    {
        var (_, alice, _) = await factory.CreateProductUserAsync("alice");
        var (_, bob, _) = await factory.CreateProductUserAsync("bob");

        var aliceRooms = await HttpAssert.JsonAsync(await OptionsAsync(alice), HttpStatusCode.OK);
        var bobRooms = await HttpAssert.JsonAsync(await OptionsAsync(bob), HttpStatusCode.OK);

        Assert.Equal([("Kitchen", "kitchen"), ("Living room", "living-room"), ("Garage", "garage")],
            aliceRooms.GetProperty("data").EnumerateArray().Select(o => (o.GetProperty("label").GetString(), o.GetProperty("value").GetString())));
        Assert.Equal(["office", "bedroom"], bobRooms.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Options_ProductFails_IftttErrorBodyNotAnEmptyList()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("bob");
        factory.Product.QueueFault(new StandInProduct.Fault("/api/rooms", Status: 503));

        var message = await HttpAssert.ErrorAsync(await OptionsAsync(token), HttpStatusCode.InternalServerError);

        Assert.Contains("Injected 503.", message);
    }

    [Fact]
    public async Task Options_LinkBroken_Answers401()
    {
        var (_, token, subject) = await factory.CreateProductUserAsync("bob");
        factory.Product.RevokeAll(subject);

        await HttpAssert.ErrorAsync(await OptionsAsync(token), HttpStatusCode.Unauthorized);
    }
}

/// <summary>A trigger field the product validates: the user's own doors are valid, others are not.</summary>
public sealed class ProductValidationTests(ProductApiFactory factory) : IClassFixture<ProductApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<System.Text.Json.JsonElement> ValidateAsync(string token, string value) =>
        (await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened/fields/door/validate",
            IftttFactory.Json($$"""{"value":"{{value}}"}"""), Ct), HttpStatusCode.OK)).GetProperty("data");

    [Fact]
    public async Task Validate_TheProductKnowsTheDoor_ValidElseTheProductsMessage()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");

        var front = await ValidateAsync(token, "front");
        var main = await ValidateAsync(token, "main");

        Assert.True(front.GetProperty("valid").GetBoolean());
        Assert.False(main.GetProperty("valid").GetBoolean());
        Assert.Equal("Door 'main' does not exist.", main.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ValidateContextual_AsksTheProductForTheField()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("bob");

        var json = await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened/validate",
            IftttFactory.Json("""{"values":{"door":"main"}}"""), Ct), HttpStatusCode.OK);

        Assert.True(json.GetProperty("data").GetProperty("door").GetProperty("valid").GetBoolean());
    }
}
