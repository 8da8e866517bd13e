using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Features.Telemetry;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Telemetry;

/// <summary>The app with the Prometheus listener on a free loopback port.</summary>
public sealed class PrometheusFactory : IftttFactory
{
    public PrometheusFactory()
    {
        Settings["OpenTelemetry:Prometheus:Enabled"] = "true";
        Settings["OpenTelemetry:Prometheus:Port"] = "0";
        Settings["OpenTelemetry:Prometheus:Path"] = "/scrape";
    }

    public Uri ScrapeUrl
    {
        get
        {
            _ = Server;
            return Services.GetRequiredService<PrometheusListener>().ScrapeUrl!;
        }
    }
}

/// <summary>A scrape over real HTTP on the listener's own port: Prometheus text format, with the app's meters in it.</summary>
public sealed partial class PrometheusEndpointTests(PrometheusFactory factory) : IClassFixture<PrometheusFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The text exposition format: # HELP / # TYPE / # EOF lines, or a sample: name{labels} value [timestamp].
    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|# EOF|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? [-+]?([0-9.eE+-]+|NaN|\+Inf|-Inf)( -?[0-9]+)?)$""")]
    private static partial Regex PrometheusLine();

    [Fact]
    public async Task Scrape_AfterAPoll_IsPrometheusTextWithTheAppMeters()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var poll = await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json("""{"triggerFields":{"door":"front"}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        using var scraper = new HttpClient();

        var text = await IftttFactory.EventuallyAsync(() => scraper.GetStringAsync(factory.ScrapeUrl, Ct),
            body => body.Contains("adminportal_polls_total{"));

        var response = await scraper.GetAsync(factory.ScrapeUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(PrometheusLine(), line));
        Assert.Contains(lines, l => l.StartsWith("adminportal_polls_total{") && l.Contains("trigger=\"door_opened\"") && l.Contains("status=\"200\""));
        Assert.Contains(lines, l => l.StartsWith("adminportal_poll_duration_seconds_bucket{"));
        Assert.Contains(lines, l => l.StartsWith("adminportal_token_health_users{"));
        Assert.Contains(lines, l => l.StartsWith("http_server_request_duration_seconds_count{")); // ASP.NET Core's own
    }

    [Fact]
    public async Task AppPort_DoesNotServeTheMetrics_AndTheListenerServesNothingElse()
    {
        var scrape = factory.ScrapeUrl;
        using var client = new HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(scrape.AbsolutePath, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(scrape, "/ifttt/v1/status"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(scrape, "/metrics"), Ct)).StatusCode);
        Assert.Equal(IPAddress.Loopback.ToString(), scrape.Host);
    }
}
