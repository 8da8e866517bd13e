using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Connectors.Polling;
using AdminPortal.Features.Timelines;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Samples;

/// <summary>
/// A user who exists only in Acme Home links IFTTT through the product's sign-in, and then — through IFTTT's protocol
/// alone — their dropdown lists the product's rooms, an action changes the product's state, a query reads its
/// history, and a door opened in the product reaches their trigger poll and a realtime nudge, with no admin action.
/// </summary>
public sealed class SampleShimTests(SampleShimFixture fixture) : IClassFixture<SampleShimFixture>
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ActionDropdownAndQuery_AnsweredByTheSampleProductForAProductSignedInUser()
    {
        var flow = new OAuthFlow(fixture.App);
        var ifttt = await fixture.LinkThroughProductAsync(flow, "alice@acme.test", "Alice-pass-1", state: "shim-actions");
        var acme = fixture.Acme.CreateApiClient((await fixture.Acme.SignInAsync(ct: ct)).AccessToken);

        // The dropdown lists alice's rooms in the product, and nobody else's.
        var (status, options) = await fixture.IftttAsync(flow, ifttt.AccessToken, "/ifttt/v1/actions/turn_on_lights/fields/room/options", null);
        Assert.Equal(200, status);
        Assert.Equal(["Garage:garage", "Kitchen:kitchen", "Living room:living-room"],
            options.GetProperty("data").EnumerateArray().Select(o => $"{o.GetProperty("label")}:{o.GetProperty("value")}").Order());

        // The action turns the garage light on in the product and answers the product's command id.
        (status, var ran) = await fixture.IftttAsync(flow, ifttt.AccessToken, "/ifttt/v1/actions/turn_on_lights",
            """{"actionFields":{"room":"garage"},"user":{"timezone":"UTC"},"ifttt_source":{"id":"1","url":"https://ifttt.com/x"}}""");
        Assert.True(status == 200, ran.ToString());
        var command = Assert.Single(ran.GetProperty("data").EnumerateArray()).GetProperty("id").GetString();
        Assert.StartsWith("cmd_", command);
        var garage = Assert.Single((await acme.GetFromJsonAsync<JsonElement>("/api/lights?room=garage", ct)).GetProperty("data").EnumerateArray());
        Assert.True(garage.GetProperty("on").GetBoolean());
        Assert.Equal("warm", garage.GetProperty("color").GetString());

        // An offline room can never take the command: IFTTT hears SKIP with the product's own words.
        await fixture.Acme.SetRoomOfflineAsync("kitchen", ct: ct);
        try
        {
            (status, var skipped) = await fixture.IftttAsync(flow, ifttt.AccessToken, "/ifttt/v1/actions/turn_on_lights",
                """{"actionFields":{"room":"kitchen"},"user":{"timezone":"UTC"},"ifttt_source":{"id":"2","url":"https://ifttt.com/x"}}""");
            Assert.Equal(400, status);
            var error = Assert.Single(skipped.GetProperty("errors").EnumerateArray());
            Assert.Equal("SKIP", error.GetProperty("status").GetString());
            Assert.Contains("Kitchen' is offline", error.GetProperty("message").GetString());
        }
        finally
        {
            await fixture.Acme.SetRoomOfflineAsync("kitchen", offline: false, ct);
        }
        Assert.All((await acme.GetFromJsonAsync<JsonElement>("/api/lights?room=kitchen", ct)).GetProperty("data").EnumerateArray(),
            light => Assert.False(light.GetProperty("on").GetBoolean()));

        // The query reads the product's door history.
        var opened = await (await acme.PostAsync("/api/doors/back/open", null, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        (status, var history) = await fixture.IftttAsync(flow, ifttt.AccessToken, "/ifttt/v1/queries/list_door_events",
            """{"queryFields":{"door":"back"},"limit":10,"user":{"timezone":"UTC"}}""");
        Assert.True(status == 200, history.ToString());
        var rows = history.GetProperty("data").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("meta").GetProperty("id").GetString() == opened.GetProperty("id").GetString());
        Assert.All(rows, r => Assert.Equal("back", r.GetProperty("door").GetString()));
    }

    [Fact]
    public async Task DoorOpenedInTheSampleProduct_ReachesTheProductSignedInUsersPollAndRealtime()
    {
        var flow = new OAuthFlow(fixture.App);
        var ifttt = await fixture.LinkThroughProductAsync(flow, "alice@acme.test", "Alice-pass-1", state: "shim-events");
        var acme = fixture.Acme.CreateApiClient((await fixture.Acme.SignInAsync(ct: ct)).AccessToken);
        const string poll = """{"trigger_identity":"alice-front-shim","triggerFields":{"door":"front"},"limit":50}""";

        // IFTTT's first poll turns the Applet on: it records the trigger identity the connector polls for.
        var (status, before) = await fixture.IftttAsync(flow, ifttt.AccessToken, "/ifttt/v1/triggers/door_opened", poll);
        Assert.True(status == 200, before.ToString());
        await IftttFactory.EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.Set<TriggerIdentity>().CountAsync(i => i.Id == "alice-front-shim", ct);
        }, n => n == 1);

        var opened = await (await acme.PostAsync("/api/doors/front/open", null, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var eventId = opened.GetProperty("id").GetString()!;
        var runs = await fixture.App.Services.GetRequiredService<ConnectorPollJob>().RunAsync(ct);

        Assert.All(runs, run => Assert.Null(run.Error));
        (status, var after) = await fixture.IftttAsync(flow, ifttt.AccessToken, "/ifttt/v1/triggers/door_opened", poll);
        Assert.True(status == 200, after.ToString());
        var newest = after.GetProperty("data").EnumerateArray().First();
        Assert.Equal("front", newest.GetProperty("door").GetString());
        Assert.EndsWith($"?event={eventId}", newest.GetProperty("snapshot_url").GetString());
        var nudges = await fixture.Realtime.WaitForCallsAsync(1, TimeSpan.FromSeconds(10));
        Assert.Contains(nudges, call => call.Entries().Contains("alice-front-shim"));
    }

    private Task<AppDbContext> DbAsync() =>
        fixture.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
}
