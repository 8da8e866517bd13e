using System.Net;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Ifttt;

public sealed class TestSetupTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> SetupAsync()
    {
        var json = await HttpAssert.JsonAsync(await factory.ServiceKeyClient().PostAsync("/ifttt/v1/test/setup", null, Ct), HttpStatusCode.OK);
        return json.GetProperty("data");
    }

    [Fact]
    public async Task TestSetup_EverySample_PollsAtLeastThreeItems()
    {
        var data = await SetupAsync();
        var client = factory.IftttClient(data.GetProperty("accessToken").GetString());
        client.DefaultRequestHeaders.Add("IFTTT-Test-Mode", "1");

        var triggers = data.GetProperty("samples").GetProperty("triggers").EnumerateObject().ToList();
        Assert.Equal(["door_opened", "button_pressed"], triggers.Select(t => t.Name));
        foreach (var trigger in triggers)
        {
            var body = $$"""{"triggerFields":{{trigger.Value.GetRawText()}},"limit":3}""";
            var poll = await HttpAssert.JsonAsync(await client.PostAsync($"/ifttt/v1/triggers/{trigger.Name}", IftttFactory.Json(body), Ct), HttpStatusCode.OK);
            Assert.Equal(3, poll.GetProperty("data").GetArrayLength());
        }
    }

    [Fact]
    public async Task TestSetup_CalledTwice_StoresNoMoreEventsAndBothTokensWork()
    {
        var first = await SetupAsync();
        var second = await SetupAsync();

        foreach (var data in new[] { first, second })
        {
            var client = factory.IftttClient(data.GetProperty("accessToken").GetString());
            var poll = await HttpAssert.JsonAsync(await client.PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json("""{"triggerFields":{"door":"front"}}"""), Ct), HttpStatusCode.OK);
            Assert.Equal(3, poll.GetProperty("data").GetArrayLength());
        }
    }

    [Fact]
    public async Task TestSetup_Samples_ValidationsActionsSkippingAndQueries()
    {
        var samples = (await SetupAsync()).GetProperty("samples");

        var button = samples.GetProperty("triggerFieldValidations").GetProperty("button_pressed").GetProperty("button");
        Assert.Equal("blue", button.GetProperty("valid").GetString());
        Assert.Equal("not a button!", button.GetProperty("invalid").GetString());
        Assert.Equal("kitchen", samples.GetProperty("actions").GetProperty("turn_on_lights").GetProperty("room").GetString());
        Assert.True(samples.GetProperty("actions").TryGetProperty("add_log_entry", out _));
        Assert.Equal("attic", samples.GetProperty("actionRecordSkipping").GetProperty("turn_on_lights").GetProperty("room").GetString());
        Assert.False(samples.GetProperty("actionRecordSkipping").TryGetProperty("add_log_entry", out _));
        Assert.True(samples.GetProperty("queries").TryGetProperty("list_door_events", out _));
    }

    [Fact]
    public async Task TestSetup_ActionSamples_SucceedAndSkippingSamplesSkip()
    {
        var data = await SetupAsync();
        var client = factory.IftttClient(data.GetProperty("accessToken").GetString());
        var samples = data.GetProperty("samples");

        foreach (var action in samples.GetProperty("actions").EnumerateObject())
        {
            var ok = await HttpAssert.JsonAsync(await client.PostAsync($"/ifttt/v1/actions/{action.Name}",
                IftttFactory.Json($$"""{"actionFields":{{action.Value.GetRawText()}}}"""), Ct), HttpStatusCode.OK);
            Assert.Equal(1, ok.GetProperty("data").GetArrayLength());
        }
        foreach (var action in samples.GetProperty("actionRecordSkipping").EnumerateObject())
        {
            var skip = await HttpAssert.JsonAsync(await client.PostAsync($"/ifttt/v1/actions/{action.Name}",
                IftttFactory.Json($$"""{"actionFields":{{action.Value.GetRawText()}}}"""), Ct), HttpStatusCode.BadRequest);
            Assert.Equal("SKIP", skip.GetProperty("errors")[0].GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task TestSetup_ValidationSamples_AreJudgedAsDeclared()
    {
        var data = await SetupAsync();
        var client = factory.IftttClient(data.GetProperty("accessToken").GetString());
        foreach (var trigger in data.GetProperty("samples").GetProperty("triggerFieldValidations").EnumerateObject())
        {
            foreach (var field in trigger.Value.EnumerateObject())
            {
                foreach (var (value, expected) in new[] { (field.Value.GetProperty("valid").GetString(), true), (field.Value.GetProperty("invalid").GetString(), false) })
                {
                    var json = await HttpAssert.JsonAsync(await client.PostAsync($"/ifttt/v1/triggers/{trigger.Name}/fields/{field.Name}/validate",
                        IftttFactory.Json(JsonSerializer.Serialize(new { value })), Ct), HttpStatusCode.OK);
                    Assert.Equal(expected, json.GetProperty("data").GetProperty("valid").GetBoolean());
                }
            }
        }
    }
}
