using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;
using StandardWebhooks;

namespace AdminPortal.IntegrationTests.Connectors;

/// <summary><c>POST /api/v1/webhooks/acme</c> with the product's own Standard Webhooks deliveries, signed by the StandardWebhooks library.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private FakeIftttRealtime _realtime = null!;
    private ConnectorFactory _app = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _realtime = await FakeIftttRealtime.StartAsync();
        _app = new ConnectorFactory(_realtime);
    }

    [Fact]
    public async Task Webhook_ValidSignature_StoredOnceShownToIftttAndNudged()
    {
        var (userId, token) = await _app.CreateLinkedUserAsync($"usr_alice~{Guid.NewGuid():N}");
        var subject = await SubjectAsync(userId);
        await _app.CreateIdentityAsync(userId, token, "front-door", "front");

        var body = Payload(subject, "evt_000101", "front");
        var response = await SendAsync(body, "msg_1");
        var receipt = await ConnectorFactory.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, receipt.GetProperty("data").GetProperty("stored").GetInt32());
        var stored = Assert.Single(await _app.EventsAsync(userId));
        Assert.Equal("evt_000101", stored.SourceId);
        Assert.Contains("https://acme.test/doors/front/evt_000101.jpg", stored.Ingredients);
        Assert.Equal(["front"], (await _app.PollDoorOpenedAsync(token, "front-door", "front")).Select(e => e.Door));
        var nudge = Assert.Single(await _realtime.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(["front-door"], nudge.Entries());
    }

    [Fact]
    public async Task Webhook_ReplayedId_NoOp()
    {
        var (userId, _) = await _app.CreateLinkedUserAsync($"usr_alice~{Guid.NewGuid():N}");
        var body = Payload(await SubjectAsync(userId), "evt_000102", "back");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(body, "msg_2")).StatusCode);

        var replay = await SendAsync(body, "msg_2");
        var receipt = (await ConnectorFactory.ReadJsonAsync(replay)).GetProperty("data");

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True(receipt.GetProperty("replay").GetBoolean());
        Assert.Single(await _app.EventsAsync(userId));
        // The same event delivered again under a new id (a product that re-sends) is a duplicate by its source id.
        var again = (await ConnectorFactory.ReadJsonAsync(await SendAsync(body, "msg_3"))).GetProperty("data");
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());
        Assert.Single(await _app.EventsAsync(userId));
    }

    [Fact]
    public async Task Webhook_WrongSignatureOrOldTimestamp_401NothingStored()
    {
        var (userId, _) = await _app.CreateLinkedUserAsync($"usr_alice~{Guid.NewGuid():N}");
        var body = Payload(await SubjectAsync(userId), "evt_000103", "front");

        var wrong = await SendAsync(body, "msg_4", secret: "whsec_" + Convert.ToBase64String(new byte[24]));
        var old = await SendAsync(body, "msg_5", at: DateTimeOffset.UtcNow.AddMinutes(-6));
        var tampered = await SendAsync(body, "msg_6", sentBody: body.Replace("front", "back", StringComparison.Ordinal));
        var unsigned = await _app.CreateClient().PostAsync("/api/v1/webhooks/acme", IftttFactory.Json(body), Ct);

        foreach (var (response, expected) in new[] { (wrong, "signature"), (old, "timestamp"), (tampered, "signature"), (unsigned, "required") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var message = (await ConnectorFactory.ReadJsonAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString();
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }
        Assert.Empty(await _app.EventsAsync(userId));
        // A refused delivery's id is not remembered: the genuine one with that id is still accepted.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(body, "msg_4")).StatusCode);
        Assert.Single(await _app.EventsAsync(userId));
    }

    [Fact]
    public async Task Webhook_UnknownSourceOrBadItem_ErrorsNamingTheProblemNothingStored()
    {
        var (userId, _) = await _app.CreateLinkedUserAsync($"usr_alice~{Guid.NewGuid():N}");
        var subject = await SubjectAsync(userId);

        var unknown = await _app.CreateClient().PostAsync("/api/v1/webhooks/nope", IftttFactory.Json("{}"), Ct);
        var noDate = Payload(subject, "evt_000104", "front").Replace("\"occurred_at\"", "\"when\"", StringComparison.Ordinal);
        var bad = await SendAsync(noDate, "msg_7");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nope", (await ConnectorFactory.ReadJsonAsync(unknown)).GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("items[0]: occurred-at (/occurred_at) is missing or not an ISO 8601 date and time.",
            (await ConnectorFactory.ReadJsonAsync(bad)).GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Empty(await _app.EventsAsync(userId));
    }

    [Fact]
    public async Task Webhook_UserNeverLinkedOrOtherType_AcceptedAndSkipped()
    {
        _ = _app.CreateClient();
        var unlinked = await SendAsync(Payload("usr_nobody", "evt_000105", "front"), "msg_8");
        var otherType = await SendAsync(Payload("usr_nobody", "evt_000106", "front").Replace("door.opened", "light.on", StringComparison.Ordinal), "msg_9");

        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        Assert.Equal(1, (await ConnectorFactory.ReadJsonAsync(unlinked)).GetProperty("data").GetProperty("unlinked").GetInt32());
        Assert.Equal(HttpStatusCode.OK, otherType.StatusCode);
        Assert.Equal(1, (await ConnectorFactory.ReadJsonAsync(otherType)).GetProperty("data").GetProperty("ignored").GetInt32());
        Assert.Equal(0, await _app.AllEventsCountAsync());
    }

    [Fact]
    public async Task SharedSecretWebhook_RightHeaderStoredWrongOrMissing401()
    {
        var (userId, _) = await _app.CreateLinkedUserAsync($"usr_alice~{Guid.NewGuid():N}");
        var body = $$"""{"owner":"{{await SubjectAsync(userId)}}","press_id":"p-1","button":"blue","at":"2026-12-02T06:00:00Z"}""";

        var wrong = await PostButtonsAsync(body, "not-the-secret-at-all");
        var missing = await PostButtonsAsync(body, null);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Empty(await _app.EventsAsync(userId));

        var right = await PostButtonsAsync(body, ConnectorFactory.SharedSecret);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var stored = Assert.Single(await _app.EventsAsync(userId));
        Assert.Equal("button_pressed", stored.Trigger);
        Assert.Equal("p-1", stored.SourceId);
    }

    private async Task<HttpResponseMessage> PostButtonsAsync(string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/buttons") { Content = IftttFactory.Json(body) };
        if (secret is not null)
        {
            request.Headers.Add("X-Buttons-Secret", secret);
        }
        return await _app.CreateClient().SendAsync(request, Ct);
    }

    private async Task<string> SubjectAsync(string userId)
    {
        await using var db = await _app.DbAsync();
        return db.Users.Single(u => u.Id == userId).ExternalId!;
    }

    /// <summary>The sample product's webhook body for a door event.</summary>
    private static string Payload(string subject, string eventId, string door) => JsonSerializer.Serialize(new
    {
        type = "door.opened",
        timestamp = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
        data = new { id = eventId, user_id = subject, door, room = "living-room", occurred_at = "2026-12-02T06:00:00Z" },
    });

    private async Task<HttpResponseMessage> SendAsync(string body, string id, string secret = ConnectorFactory.WebhookSecret, DateTimeOffset? at = null, string? sentBody = null)
    {
        var timestamp = at ?? DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/acme")
        {
            Content = new StringContent(sentBody ?? body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(id, timestamp, body));
        return await _app.CreateClient().SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _realtime.DisposeAsync();
    }
}
