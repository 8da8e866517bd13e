using System.Net;
using System.Net.Http.Headers;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Ifttt;

public sealed class FieldTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task TriggerOptions_AnyOrNoContentType_ListsDoorsSeenInThisUsersEvents(string? contentType)
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var (otherId, _) = await factory.CreateLinkedUserAsync();
        await factory.IngestAsync(new[] { IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow), IftttFactory.DoorEvent(userId, "back", DateTimeOffset.UtcNow),
            IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow), IftttFactory.DoorEvent(otherId, "garage", DateTimeOffset.UtcNow) });
        var content = new StringContent("{}");
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);

        var json = await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened/fields/door/options", content, Ct), HttpStatusCode.OK);

        var options = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["back", "front"], options.Select(o => o.GetProperty("value").GetString()));
        Assert.All(options, o => Assert.Equal(o.GetProperty("value").GetString(), o.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task ActionOptions_Rooms_ComeFromAnyOfTheUsersEvents()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        await factory.IngestAsync(IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow, room: "hall"));
        var json = await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/actions/turn_on_lights/fields/room/options", null, Ct), HttpStatusCode.OK);
        Assert.Equal(["hall"], json.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task QueryOptions_Doors_AreListed()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        await factory.IngestAsync(IftttFactory.DoorEvent(userId, "cellar", DateTimeOffset.UtcNow));
        var json = await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/queries/list_door_events/fields/door/options", null, Ct), HttpStatusCode.OK);
        Assert.Equal(["cellar"], json.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
    }

    [Theory]
    [InlineData("/ifttt/v1/triggers/door_opened/fields/nope/options")]
    [InlineData("/ifttt/v1/triggers/button_pressed/fields/button/options")]
    [InlineData("/ifttt/v1/triggers/nope/fields/door/options")]
    [InlineData("/ifttt/v1/actions/nope/fields/room/options")]
    [InlineData("/ifttt/v1/triggers/nope/fields/door/validate")]
    [InlineData("/ifttt/v1/triggers/nope/validate")]
    public async Task FieldEndpoint_UnknownSlugOrNoOptions_Returns404(string path)
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        await HttpAssert.ErrorAsync(await factory.IftttClient(token).PostAsync(path, IftttFactory.Json("{}"), Ct), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"value":"blue"}""", true)]
    [InlineData("""{"value":"not a button!"}""", false)]
    [InlineData("""{"value":""}""", true)]
    [InlineData("""{"value":"x","junk":[1]}""", true)]
    public async Task ValidateField_Value_AlwaysOkWithVerdict(string body, bool valid)
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var json = await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/button_pressed/fields/button/validate", IftttFactory.Json(body), Ct), HttpStatusCode.OK);

        var data = json.GetProperty("data");
        Assert.Equal(valid, data.GetProperty("valid").GetBoolean());
        Assert.Equal(!valid, data.TryGetProperty("message", out _));
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("fields/validate")]
    public async Task ValidateTrigger_Values_VerdictPerField(string path)
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        var bad = await HttpAssert.JsonAsync(await client.PostAsync($"/ifttt/v1/triggers/button_pressed/{path}", IftttFactory.Json("""{"values":{"button":"no way!"}}"""), Ct), HttpStatusCode.OK);
        var missing = await HttpAssert.JsonAsync(await client.PostAsync($"/ifttt/v1/triggers/door_opened/{path}", IftttFactory.Json("""{"values":{}}"""), Ct), HttpStatusCode.OK);

        Assert.False(bad.GetProperty("data").GetProperty("button").GetProperty("valid").GetBoolean());
        Assert.Equal("Use up to 32 letters, digits, - or _.", bad.GetProperty("data").GetProperty("button").GetProperty("message").GetString());
        Assert.False(missing.GetProperty("data").GetProperty("door").GetProperty("valid").GetBoolean());
    }
}
