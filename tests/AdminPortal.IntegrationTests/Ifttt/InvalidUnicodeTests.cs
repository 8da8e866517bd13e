using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AdminPortal.Data;
using AdminPortal.Features.Timelines;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Ifttt;

/// <summary>
/// JSON whose strings are not real Unicode is the client's mistake: a 400 in IFTTT's errors shape on the IFTTT API and
/// on ingest (a 500 would make a retrying product resend the batch forever), nothing stored; real Unicode still works.
/// </summary>
public sealed class InvalidUnicodeTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, byte[]> Bodies => new()
    {
        { "invalid UTF-8 bytes", [.. "{\"trigger_identity\":\"u-1\",\"triggerFields\":{\"door\":\""u8, 0xFF, 0xFE, .. "\"}}"u8] },
        { "a lone surrogate escape", "{\"trigger_identity\":\"u-2\",\"triggerFields\":{\"door\":\"\\ud800\"}}"u8.ToArray() },
        { "a lone surrogate in a member name", "{\"trigger_identity\":\"u-3\",\"triggerFields\":{\"\\udc00\":\"front\"}}"u8.ToArray() },
        // Valid Unicode, but PostgreSQL cannot store it: the identity's bookkeeping would fail after a 200 answer.
        { "an escaped NUL in the trigger identity", "{\"trigger_identity\":\"u-\\u0000\",\"triggerFields\":{\"door\":\"front\"}}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task TriggerPoll_StringThatIsNotUnicode_Is400(string what, byte[] body)
    {
        var (_, token) = await factory.CreateLinkedUserAsync();

        var response = await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened", Bytes(body), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
        Assert.Contains("not valid Unicode", (await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Ingest_LoneSurrogate_Is400AndNothingStored_RealUnicodeIsStored()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", IftttFactory.IngestKey);
        string Event(string door) => $$$"""
            [{"user":"{{{userId}}}","trigger":"door_opened","attributes":{"door":"{{{door}}}","room":"hall"},
              "ingredients":{"door":"{{{door}}}","room":"hall","opened_at":"2026-12-03T08:00:00Z","snapshot_url":"https://x.example/1.jpg"}}]
            """;

        var bad = await client.PostAsync("/api/v1/events", Bytes(Encoding.UTF8.GetBytes(Event("\\ud800"))), Ct);
        var good = await client.PostAsync("/api/v1/events", Bytes(Encoding.UTF8.GetBytes(Event("café \\ud83d\\ude00"))), Ct);

        await HttpAssert.JsonAsync(bad, HttpStatusCode.BadRequest);
        await HttpAssert.JsonAsync(good, HttpStatusCode.OK);
        // Only the real-Unicode event is on the timeline, with its text intact.
        var poll = await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json("""{"trigger_identity":"u-4","triggerFields":{"door":"café 😀"},"limit":50}"""), Ct);
        var item = Assert.Single((await HttpAssert.JsonAsync(poll, HttpStatusCode.OK)).GetProperty("data").EnumerateArray());
        Assert.Equal("café 😀", item.GetProperty("door").GetString());
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Set<TimelineEvent>().CountAsync(e => e.UserId == userId, Ct));
    }

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
