using System.Net;
using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Ifttt;

public sealed class ActionTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> RunAsync(HttpClient client, string action, string body, string? requestId = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/ifttt/v1/actions/{action}") { Content = IftttFactory.Json(body) };
        message.Headers.Add("X-Request-ID", requestId ?? Guid.NewGuid().ToString());
        return client.SendAsync(message, Ct);
    }

    private async Task<List<ActionLogEntry>> LogAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<ActionLogEntry>().Where(e => e.UserId == userId).ToListAsync(Ct);
    }

    [Fact]
    public async Task Action_ValidFields_ReturnsOneItemWithTheLogEntryId()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var json = await HttpAssert.JsonAsync(await RunAsync(factory.IftttClient(token), "add_log_entry",
            """{"actionFields":{"message":"hi"},"user":{"timezone":"UTC"},"extra":1}"""), HttpStatusCode.OK);

        var item = Assert.Single(json.GetProperty("data").EnumerateArray());
        var entry = Assert.Single(await LogAsync(userId));
        Assert.Equal(entry.Id, item.GetProperty("id").GetString());
        Assert.Equal(ActionOutcomes.Success, entry.Outcome);
        Assert.Contains("\"hi\"", entry.Fields);
    }

    [Fact]
    public async Task Action_RoomNeverReported_SkipsWithSkipStatus()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        await factory.IngestAsync(IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow, room: "kitchen"));
        var client = factory.IftttClient(token);

        var skip = await HttpAssert.JsonAsync(await RunAsync(client, "turn_on_lights", """{"actionFields":{"room":"attic"}}"""), HttpStatusCode.BadRequest);
        var ok = await HttpAssert.JsonAsync(await RunAsync(client, "turn_on_lights", """{"actionFields":{"room":"kitchen"}}"""), HttpStatusCode.OK);

        var error = skip.GetProperty("errors")[0];
        Assert.Equal("SKIP", error.GetProperty("status").GetString());
        Assert.Contains("attic", error.GetProperty("message").GetString());
        Assert.Equal(1, ok.GetProperty("data").GetArrayLength());
        Assert.Equal([ActionOutcomes.Skip, ActionOutcomes.Success], (await LogAsync(userId)).OrderBy(e => e.CreatedAt).Select(e => e.Outcome));
    }

    [Fact]
    public async Task Action_MissingRequiredField_Skips()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var json = await HttpAssert.JsonAsync(await RunAsync(factory.IftttClient(token), "add_log_entry", """{"actionFields":{}}"""), HttpStatusCode.BadRequest);
        Assert.Equal("SKIP", json.GetProperty("errors")[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"user":{}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"actionFields":""", HttpStatusCode.BadRequest)]
    public async Task Action_MissingActionFieldsOrMalformed_Returns400(string body, HttpStatusCode expected)
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var json = await HttpAssert.JsonAsync(await RunAsync(factory.IftttClient(token), "add_log_entry", body), expected);
        Assert.False(json.GetProperty("errors")[0].TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Action_UnknownSlug_Returns404()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        await HttpAssert.ErrorAsync(await RunAsync(factory.IftttClient(token), "launch_rocket", """{"actionFields":{}}"""), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Action_SameRequestIdTwice_ReturnsFirstResultAndRunsOnce()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        var requestId = Guid.NewGuid().ToString();

        var first = await HttpAssert.JsonAsync(await RunAsync(client, "add_log_entry", """{"actionFields":{"message":"once"}}""", requestId), HttpStatusCode.OK);
        var second = await HttpAssert.JsonAsync(await RunAsync(client, "add_log_entry", """{"actionFields":{"message":"once"}}""", requestId), HttpStatusCode.OK);
        var other = await HttpAssert.JsonAsync(await RunAsync(client, "add_log_entry", """{"actionFields":{"message":"twice"}}"""), HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("data")[0].GetProperty("id").GetString(), second.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.NotEqual(first.GetProperty("data")[0].GetProperty("id").GetString(), other.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(2, (await LogAsync(userId)).Count);
    }

    [Theory]
    [InlineData(1, HttpStatusCode.InternalServerError)]
    [InlineData(5, HttpStatusCode.OK)]
    public async Task Action_ClaimLeftPendingByStoppedProcess_RetryWaitsThenTakesOver(int minutesAgo, HttpStatusCode expected)
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var requestId = Guid.NewGuid().ToString();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(new ActionLogEntry
            {
                Id = Guid.NewGuid().ToString("N")[..26], UserId = userId, Action = "add_log_entry", RequestId = requestId, // ids are 26 characters (ULIDs)
                Fields = "{}", Outcome = ActionOutcomes.Pending, CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo),
            });
            await db.SaveChangesAsync(Ct);
        }

        var retry = await RunAsync(factory.IftttClient(token), "add_log_entry", """{"actionFields":{"message":"after a crash"}}""", requestId);

        Assert.Equal(expected, retry.StatusCode);
        Assert.Single(await LogAsync(userId));
    }
}
