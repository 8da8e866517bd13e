using System.Net.Http.Json;
using AdminPortal.Features.Connectors.Polling;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Connectors;

/// <summary>
/// Both connector paths against the running sample product (Acme Home on its own Kestrel port, real OIDC tokens,
/// its own signed webhooks), changing nothing in it: alice opens her front door in the product, and IFTTT's poll for
/// her "front door" Applet shows it, with a realtime nudge.
/// </summary>
public sealed class SampleProductTests : IAsyncLifetime
{
    private FakeIftttRealtime _realtime = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _realtime = await FakeIftttRealtime.StartAsync();

    [Fact]
    public async Task Polling_DoorOpenedInSample_ReachesIftttPollAndRealtime()
    {
        await using var sample = await AcmeHomeServer.StartAsync(ct: Ct);
        await using var app = new ConnectorFactory(_realtime, sample.BaseUrl);
        var tokens = await sample.SignInAsync(ct: Ct);
        var (userId, token) = await app.CreateLinkedUserAsync("usr_alice");
        app.Tokens.Link(userId, tokens.AccessToken);
        await app.CreateIdentityAsync(userId, token, "alice-front", "front");

        var opened = await sample.CreateApiClient(tokens.AccessToken).PostAsync("/api/doors/front/open", null, Ct);
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync(Ct));
        var run = Assert.Single(await app.Services.GetRequiredService<ConnectorPollJob>().RunAsync(Ct));

        Assert.Null(run.Error);
        Assert.Equal(["front"], (await app.PollDoorOpenedAsync(token, "alice-front", "front")).Select(e => e.Door));
        Assert.Equal(["alice-front"], Assert.Single(await _realtime.WaitForCallsAsync(1, TimeSpan.FromSeconds(10))).Entries());
    }

    [Fact]
    public async Task Webhook_DoorOpenedInSample_SignedDeliveryReachesIftttPollAndRealtime()
    {
        await using var app = new ConnectorFactory(_realtime);
        var (userId, token) = await app.CreateLinkedUserAsync("usr_alice");
        await app.CreateIdentityAsync(userId, token, "alice-front", "front");
        // The product POSTs over real HTTP; the relay hands the exact bytes and headers to the app under test.
        await using var relay = await WebhookRelay.StartAsync(app.CreateClient());
        await using var sample = await AcmeHomeServer.StartAsync(new AcmeHomeOptions
        {
            WebhookUrl = $"{relay.BaseUrl.TrimEnd('/')}/api/v1/webhooks/acme",
            WebhookSecret = ConnectorFactory.WebhookSecret,
        }, Ct);
        var tokens = await sample.SignInAsync(ct: Ct);

        var opened = await sample.CreateApiClient(tokens.AccessToken).PostAsync("/api/doors/front/open", null, Ct);
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync(Ct));
        var id = (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetString();

        // Generous waits: the product's delivery crosses two real HTTP servers, slow on a loaded machine (seen at 10 s).
        var events = await IftttFactory.EventuallyAsync(() => app.EventsAsync(userId), e => e.Count > 0, TimeSpan.FromSeconds(30));
        Assert.Equal([id], events.Select(e => e.SourceId));
        Assert.Contains(relay.Statuses, s => s == 200);
        Assert.Equal(["front"], (await app.PollDoorOpenedAsync(token, "alice-front", "front")).Select(e => e.Door));
        Assert.Equal(["alice-front"], Assert.Single(await _realtime.WaitForCallsAsync(1, TimeSpan.FromSeconds(30))).Entries());
    }

    public async ValueTask DisposeAsync() => await _realtime.DisposeAsync();
}
