using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.ProductLink;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.IntegrationTests.Connectors;

/// <summary>
/// The app with door_opened (Service:Triggers:0) fed by the product's webhooks and by polling its events API, declared
/// through configuration as an adopter would (the same keys as samples/AcmeHome/adminportal.acme-home.json), and the
/// realtime nudges going to a fake IFTTT on its own Kestrel port.
/// </summary>
public class ConnectorFactory : IftttFactory
{
    public const string WebhookSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    public const string SharedSecret = "buttons-shared-secret-0123456789";

    public ConnectorFactory(FakeIftttRealtime realtime, Uri? product = null)
    {
        Settings["Ifttt:RealtimeUrl"] = realtime.BaseUrl;
        Settings["Ifttt:Realtime:DebounceWindow"] = "00:00:00.100";
        Settings["Connectors:BackoffBase"] = "00:00:00.300";
        // Tests run the poll through the job's own code when they choose to; the minutely schedule would race them.
        Settings["Jobs:Schedules:connector-poll"] = Hangfire.Cron.Never();
        foreach (var (key, value) in Declarations(product))
        {
            Settings[key] = value;
        }
    }

    public static Dictionary<string, string?> Declarations(Uri? product) => new()
    {
        ["Product:ApiBaseUrl"] = product?.ToString(),
        ["Product:Timeout"] = "00:00:05",
        ["Service:Triggers:0:Source:Poll:Request:Path"] = "/api/events?after={{ cursor }}&limit=50",
        ["Service:Triggers:0:Source:Poll:Items"] = "/data",
        ["Service:Triggers:0:Source:Poll:NextCursor"] = "/next_cursor",
        ["Service:Triggers:0:Source:Poll:Interval"] = "00:00:02",
        ["Service:Triggers:0:Source:Poll:Filter:/type"] = "door.opened",
        ["Service:Triggers:0:Source:Webhook:Name"] = "acme",
        ["Service:Triggers:0:Source:Webhook:Secret"] = WebhookSecret,
        ["Service:Triggers:0:Source:Webhook:Tolerance"] = "00:05:00",
        ["Service:Triggers:0:Source:Webhook:User"] = "/data/user_id",
        ["Service:Triggers:0:Source:Webhook:Items"] = "/data",
        ["Service:Triggers:0:Source:Webhook:Filter:/type"] = "door.opened",
        ["Service:Triggers:0:Source:Map:SourceId"] = "/id",
        ["Service:Triggers:0:Source:Map:OccurredAt"] = "/occurred_at",
        ["Service:Triggers:0:Source:Map:Attributes:door"] = "/door",
        ["Service:Triggers:0:Source:Map:Attributes:room"] = "/room",
        ["Service:Triggers:0:Source:Map:Ingredients:door"] = "/door",
        ["Service:Triggers:0:Source:Map:Ingredients:room"] = "/room",
        ["Service:Triggers:0:Source:Map:Ingredients:opened_at"] = "/occurred_at",
        ["Service:Triggers:0:Source:Map:Ingredients:snapshot_url"] = "https://acme.test/doors/{{ item.door }}/{{ item.id }}.jpg",
        // button_pressed (Service:Triggers:1): a product that cannot sign sends a shared secret in a header, one event per body.
        ["Service:Triggers:1:Source:Webhook:Name"] = "buttons",
        ["Service:Triggers:1:Source:Webhook:SharedSecretHeader"] = "X-Buttons-Secret",
        ["Service:Triggers:1:Source:Webhook:SharedSecret"] = SharedSecret,
        ["Service:Triggers:1:Source:Webhook:User"] = "/owner",
        ["Service:Triggers:1:Source:Map:SourceId"] = "/press_id",
        ["Service:Triggers:1:Source:Map:OccurredAt"] = "/at",
        ["Service:Triggers:1:Source:Map:Attributes:button"] = "/button",
        ["Service:Triggers:1:Source:Map:Ingredients:button"] = "/button",
        ["Service:Triggers:1:Source:Map:Ingredients:pressed_at"] = "/at",
    };

    /// <summary>
    /// The users' product tokens, set by the test, so connector tests choose tokens without a sign-in each; the real
    /// product link feeding the connector is covered by Samples/SampleShimTests.
    /// </summary>
    public StandInEventsTokens Tokens { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IProductTokens>();
            services.AddSingleton<IProductTokens>(Tokens);
        });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Polls door_opened as IFTTT does (which also records the trigger identity) and returns the events' door and meta id.</summary>
    public async Task<List<(string Door, string Id)>> PollDoorOpenedAsync(string token, string identity, string door)
    {
        var response = await IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            Json($$"""{"trigger_identity":"{{identity}}","triggerFields":{"door":"{{door}}"},"limit":50}"""), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("data").EnumerateArray()
            .Select(e => (e.GetProperty("door").GetString()!, e.GetProperty("meta").GetProperty("id").GetString()!))];
    }

    /// <summary>Polls once and waits until the identity row is written (the writer is asynchronous).</summary>
    public async Task CreateIdentityAsync(string userId, string token, string identity, string door)
    {
        await PollDoorOpenedAsync(token, identity, door);
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.Set<TriggerIdentity>().CountAsync(i => i.UserId == userId && i.Id == identity, Ct);
        }, n => n == 1);
    }

    public async Task<List<TimelineEvent>> EventsAsync(string userId)
    {
        await using var db = await DbAsync();
        return await db.Set<TimelineEvent>().AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.SourceId).ToListAsync(Ct);
    }

    public async Task<int> AllEventsCountAsync()
    {
        await using var db = await DbAsync();
        return await db.Set<TimelineEvent>().CountAsync(Ct);
    }

    public Task<AppDbContext> DbAsync() => Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
}
