using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AcmeHome.Tests;

public sealed class ApiTests(AcmeHomeFixture fixture) : IClassFixture<AcmeHomeFixture>
{
    private readonly AcmeHomeServer server = fixture.Server;

    [Fact]
    public async Task Api_NoToken_401InvalidTokenWithChallenge()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("api/me", Ct);
        await AssertError(response, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Api_GarbageToken_401InvalidToken()
    {
        using var client = server.CreateApiClient("not-a-token");
        using var response = await client.GetAsync("api/rooms", Ct);
        await AssertError(response, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Me_SignedIn_AnswersTheUser()
    {
        using var client = await ClientAsync("alice@acme.test", "Alice-pass-1");
        var me = await client.GetFromJsonAsync<JsonElement>("api/me", Ct);
        Assert.Equal("usr_alice", me.GetProperty("id").GetString());
        Assert.Equal("Alice Example", me.GetProperty("name").GetString());
        Assert.Equal("alice@acme.test", me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Rooms_Doors_Lights_OnlyTheCallersOwn()
    {
        using var alice = await ClientAsync("alice@acme.test", "Alice-pass-1");
        using var bob = await ClientAsync("bob@acme.test", "Bob-pass-1");
        Assert.Equal(["garage", "kitchen", "living-room"], (await Ids(alice, "api/rooms")).Order());
        Assert.Equal(["bedroom", "office"], (await Ids(bob, "api/rooms")).Order());
        Assert.Equal(["back", "front"], (await Ids(alice, "api/doors")).Order());
        Assert.Equal(["main"], await Ids(bob, "api/doors"));
        Assert.All(await Ids(bob, "api/lights"), id => Assert.True(id.StartsWith("office") || id.StartsWith("bedroom"), id));

        var doors = await alice.GetFromJsonAsync<JsonElement>("api/doors", Ct);
        var front = doors.GetProperty("data").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "front");
        Assert.Equal("Front door", front.GetProperty("name").GetString());
        Assert.Equal("living-room", front.GetProperty("room").GetString());

        using var foreign = await bob.PostAsJsonAsync("api/rooms/kitchen/lights/on", new { }, Ct);
        await AssertError(foreign, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task LightsOn_OwnRoom_201CommandAndLightsOn()
    {
        using var client = await ClientAsync("alice@acme.test", "Alice-pass-1");
        using var response = await client.PostAsJsonAsync("api/rooms/kitchen/lights/on", new { brightness = 40, color = "warm" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var command = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.StartsWith("cmd_", command.GetProperty("id").GetString());
        Assert.Equal("done", command.GetProperty("status").GetString());
        var url = command.GetProperty("url").GetString()!;
        Assert.Equal(new Uri(server.BaseUrl, $"api/commands/{command.GetProperty("id").GetString()}").ToString(), url);

        var fetched = await client.GetFromJsonAsync<JsonElement>(url, Ct);
        Assert.Equal("kitchen", fetched.GetProperty("room").GetString());
        var lights = await client.GetFromJsonAsync<JsonElement>("api/lights", Ct);
        var kitchen = lights.GetProperty("data").EnumerateArray().Where(l => l.GetProperty("room").GetString() == "kitchen").ToList();
        Assert.NotEmpty(kitchen);
        Assert.All(kitchen, l => Assert.True(l.GetProperty("on").GetBoolean()));
        Assert.All(kitchen, l => Assert.Equal(40, l.GetProperty("brightness").GetInt32()));
    }

    [Fact]
    public async Task LightsOn_UnknownRoom_404WithMessage()
    {
        using var client = await ClientAsync("alice@acme.test", "Alice-pass-1");
        using var response = await client.PostAsync("api/rooms/attic/lights/on", null, Ct);
        var error = await AssertError(response, HttpStatusCode.NotFound, "not_found");
        Assert.Equal("Room 'attic' does not exist.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task LightsOn_BrightnessOutOfRange_422()
    {
        using var client = await ClientAsync("alice@acme.test", "Alice-pass-1");
        using var response = await client.PostAsJsonAsync("api/rooms/kitchen/lights/on", new { brightness = 150 }, Ct);
        var error = await AssertError(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("between 1 and 100", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task LightsOn_OfflineRoom_409()
    {
        using var client = await ClientAsync("alice@acme.test", "Alice-pass-1");
        await server.SetRoomOfflineAsync("garage", ct: Ct);
        try
        {
            using var response = await client.PostAsync("api/rooms/garage/lights/on", null, Ct);
            await AssertError(response, HttpStatusCode.Conflict, "room_offline");
        }
        finally
        {
            await server.SetRoomOfflineAsync("garage", offline: false, ct: Ct);
        }
    }

    [Fact]
    public async Task LightsOn_SameIdempotencyKey_FirstResultNoSecondCommand()
    {
        using var client = await ClientAsync("alice@acme.test", "Alice-pass-1");
        async Task<string> SendAsync(string key, int brightness)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/rooms/living-room/lights/on")
            {
                Content = JsonContent.Create(new { brightness }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var command = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(20, command.GetProperty("brightness").GetInt32());
            return command.GetProperty("id").GetString()!;
        }

        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(key, 20);
        Assert.Equal(first, await SendAsync(key, 20));

        using var other = await client.PostAsJsonAsync("api/rooms/living-room/lights/on", new { brightness = 20 }, Ct);
        Assert.NotEqual(first, (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Notes_TextOr422()
    {
        using var client = await ClientAsync("alice@acme.test", "Alice-pass-1");
        using var created = await client.PostAsJsonAsync("api/notes", new { text = "Buy milk" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("note_", (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());

        using var empty = await client.PostAsJsonAsync("api/notes", new { text = "  " }, Ct);
        await AssertError(empty, HttpStatusCode.UnprocessableEntity, "validation_failed");
        using var broken = await client.PostAsync("api/notes", new StringContent("{", System.Text.Encoding.UTF8, "application/json"), Ct);
        await AssertError(broken, HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task Events_Cursor_PagesOldestFirstStrictlyAfter()
    {
        using var client = await ClientAsync("bob@acme.test", "Bob-pass-1");
        var start = await client.GetFromJsonAsync<JsonElement>("api/events?limit=100", Ct);
        var cursor = start.GetProperty("next_cursor").GetString();

        var opened = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var open = await client.PostAsync("api/doors/main/open", null, Ct);
            Assert.Equal(HttpStatusCode.Created, open.StatusCode);
            var evt = await open.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("door.opened", evt.GetProperty("type").GetString());
            Assert.Equal("office", evt.GetProperty("room").GetString());
            Assert.EndsWith("Z", evt.GetProperty("occurred_at").GetString());
            opened.Add(evt.GetProperty("id").GetString()!);
        }

        Assert.Equal(opened.Order(StringComparer.Ordinal), opened);
        var after = cursor is null ? "" : $"after={cursor}&";
        var page1 = await client.GetFromJsonAsync<JsonElement>($"api/events?{after}limit=2", Ct);
        Assert.Equal(opened[..2], page1.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(opened[1], page1.GetProperty("next_cursor").GetString());

        var page2 = await client.GetFromJsonAsync<JsonElement>($"api/events?after={opened[1]}&limit=2", Ct);
        Assert.Equal([opened[2]], page2.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        var page3 = await client.GetFromJsonAsync<JsonElement>($"api/events?after={opened[2]}", Ct);
        Assert.Empty(page3.GetProperty("data").EnumerateArray());
        Assert.Equal(opened[2], page3.GetProperty("next_cursor").GetString());

        using var bad = await client.GetAsync("api/events?after=yesterday", Ct);
        await AssertError(bad, HttpStatusCode.BadRequest, "invalid_cursor");

        // History: newest first, paged by an opaque cursor.
        var history = await client.GetFromJsonAsync<JsonElement>("api/events/history?door=main&limit=2", Ct);
        Assert.Equal([opened[2], opened[1]], history.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var more = history.GetProperty("cursor").GetString();
        var older = await client.GetFromJsonAsync<JsonElement>($"api/events/history?door=main&limit=2&cursor={more}", Ct);
        Assert.Equal(opened[0], older.GetProperty("data")[0].GetProperty("id").GetString());

        // Alice never sees Bob's events.
        using var alice = await ClientAsync("alice@acme.test", "Alice-pass-1");
        var hers = await alice.GetFromJsonAsync<JsonElement>("api/events", Ct);
        Assert.DoesNotContain(hers.GetProperty("data").EnumerateArray(), e => opened.Contains(e.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Faults_500Then429RetryAfter_ThenNormal()
    {
        using var client = await ClientAsync("alice@acme.test", "Alice-pass-1");
        await server.QueueFaultAsync("/api/doors", status: 500, ct: Ct);
        await server.QueueFaultAsync("/api/doors", status: 429, retryAfter: 2, ct: Ct);

        using var first = await client.GetAsync("api/doors", Ct);
        await AssertError(first, HttpStatusCode.InternalServerError, "server_error");
        using var second = await client.GetAsync("api/doors", Ct);
        await AssertError(second, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(TimeSpan.FromSeconds(2), second.Headers.RetryAfter?.Delta);
        using var third = await client.GetAsync("api/doors", Ct);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Admin_WithoutKey_401()
    {
        using var client = server.CreateClient();
        using var response = await client.PostAsync("_admin/users/usr_alice/revoke-tokens", null, Ct);
        await AssertError(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    private async Task<HttpClient> ClientAsync(string email, string password) =>
        server.CreateApiClient((await server.SignInAsync(email, password, ct: Ct)).AccessToken);

    private static async Task<List<string>> Ids(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path, Ct)).GetProperty("data").EnumerateArray()
            .Select(e => e.GetProperty("id").GetString()!).ToList();

    private static async Task<JsonElement> AssertError(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        return body;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
