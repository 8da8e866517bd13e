using System.Net.Http.Headers;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;
using AdminPortal.IntegrationTests.ProductLink;
using Microsoft.Extensions.Configuration;

namespace AdminPortal.IntegrationTests.Samples;

/// <summary>
/// The README's shim walk-through as a test: Acme Home on its own Kestrel port, AdminPortal wired to it by the
/// sample's own overlay (samples/AcmeHome/adminportal.acme-home.json, with only the product's address changed to
/// the port it got), realtime nudges going to a fake IFTTT. Nothing here is a stand-in for the product or the link.
/// </summary>
public sealed class SampleShimFixture : ProductLinkFixture
{
    public FakeIftttRealtime Realtime { get; private set; } = null!;

    protected override async Task ConfigureMoreAsync(OAuthFactory app)
    {
        Realtime = await FakeIftttRealtime.StartAsync();
        foreach (var (key, value) in Overlay())
        {
            // Product:* is already pointed at the running sample; the overlay names its fixed README port.
            if (!key.StartsWith("Product:", StringComparison.Ordinal))
            {
                app.Settings[key] = value;
            }
        }
        app.Settings["Product:Timeout"] = "00:00:05";
        app.Settings["Ifttt:RealtimeUrl"] = Realtime.BaseUrl;
        // The app's clock is the fixture's FakeTimeProvider, which only moves when a test moves it: a debounce
        // window on it would hold every nudge, so nudges go out as soon as they are signalled.
        app.Settings["Ifttt:Realtime:DebounceWindow"] = "00:00:00";
        // The test runs the poll job's own code when it chooses to; the minutely schedule would race it.
        app.Settings["Jobs:Schedules:connector-poll"] = Hangfire.Cron.Never();
    }

    /// <summary>The overlay file as configuration keys, exactly as <c>Config:Include</c> would read it.</summary>
    private static IEnumerable<(string Key, string Value)> Overlay()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AdminPortal.sln")))
        {
            dir = dir.Parent;
        }
        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."),
            "samples/AcmeHome/adminportal.acme-home.json");
        return new ConfigurationBuilder().AddJsonFile(path).Build().AsEnumerable()
            .Where(kv => kv.Value is not null).Select(kv => (kv.Key, kv.Value!));
    }

    /// <summary>A call as IFTTT makes it: service key, the user's AdminPortal token, JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> IftttAsync(OAuthFlow flow, string accessToken, string path, string? json)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = IftttFactory.Json(json ?? "{}"),
        };
        message.Headers.Add("IFTTT-Service-Key", ServiceKey);
        message.Headers.Add("X-Request-ID", Guid.NewGuid().ToString());
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await flow.Ifttt.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Realtime.DisposeAsync();
    }
}
