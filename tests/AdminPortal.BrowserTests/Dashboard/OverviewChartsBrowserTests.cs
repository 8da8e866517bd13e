using System.Net.Http.Headers;
using System.Text;
using AdminPortal.BrowserTests.Accessibility;
using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Features.OAuth.Health;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.BrowserTests.Dashboard;

/// <summary>
/// The overview's charts in Chromium over real traffic (a linked user's polls, a refused one, an action and a SKIP,
/// a token check and the token-health job's hourly count): titled, drawn, summarised, switchable to 7 days, and
/// passing axe-core's serious/critical rules with the charts on the page.
/// </summary>
public sealed class OverviewChartsBrowserTests(ChromiumFixture chromium, AccessibilityServer server) : IClassFixture<AccessibilityServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] DayTitles =
    [
        "Trigger polls and errors per hour, last 24 hours", "Realtime lag per hour, last 24 hours",
        "Action outcomes per hour, last 24 hours", "Token health of linked users, last 24 hours",
    ];

    [Fact]
    public async Task Overview_RealTraffic_ChartsWithTitlesSummariesAndNoSeriousAxeViolation_InBothWindows()
    {
        await MakeTrafficAsync();
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fadmin");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin");

        // The request log is written in the background: reload until the traffic chart draws.
        for (var attempt = 0; attempt < 40 && await page.Locator("[data-testid=traffic-chart] svg").CountAsync() == 0; attempt++)
        {
            await page.GotoAsync("/admin");
            await browser.WaitForCircuitAsync();
            await page.Locator("[data-testid=actions-chart]").WaitForAsync();
            await Task.Delay(200, Ct);
        }

        Assert.Equal(DayTitles, await page.Locator("[data-testid$=-chart] h2").AllInnerTextsAsync());
        foreach (var chart in new[] { "traffic-chart", "actions-chart", "token-health-chart" })
        {
            Assert.True(await page.Locator($"[data-testid={chart}] svg").CountAsync() > 0, $"{chart} is drawn");
        }
        Assert.Contains("Trigger polls: 2 in total", await page.Locator("[data-testid=traffic-chart] [data-testid=chart-summary]").InnerTextAsync());
        Assert.Contains("SKIP: 1 in total", await page.Locator("[data-testid=actions-chart] [data-testid=chart-summary]").InnerTextAsync());
        Assert.Contains("Healthy: highest 1", await page.Locator("[data-testid=token-health-chart] [data-testid=chart-summary]").InnerTextAsync());
        Assert.Contains("No realtime nudges delivered in the last 24 hours.", await page.Locator("[data-testid=realtime-lag-chart]").InnerTextAsync());
        // The axes say what they measure; the legend names the series.
        Assert.Contains("Requests per hour", await page.Locator("[data-testid=traffic-chart] svg").First.InnerHTMLAsync());
        Assert.Contains("Trigger polls", await page.Locator("[data-testid=traffic-chart]").InnerTextAsync());
        var problems = new List<string>();
        await AccessibilityTests.CheckAsync(page, "/admin (24 hours)", problems);
        await browser.ScreenshotAsync("overview-charts");

        await page.GetByRole(AriaRole.Button, new() { Name = "7 days" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Trigger polls and errors per hour, last 7 days", Exact = true }).WaitForAsync();
        Assert.Equal("true", await page.GetByRole(AriaRole.Button, new() { Name = "7 days" }).GetAttributeAsync("aria-pressed"));
        Assert.Equal("false", await page.GetByRole(AriaRole.Button, new() { Name = "24 hours" }).GetAttributeAsync("aria-pressed"));
        Assert.True(await page.Locator("[data-testid=traffic-chart] svg").CountAsync() > 0);
        Assert.Contains("Trigger polls: 2 in total", await page.Locator("[data-testid=traffic-chart] [data-testid=chart-summary]").InnerTextAsync());
        await AccessibilityTests.CheckAsync(page, "/admin (7 days)", problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.FailedResponses);
    }

    /// <summary>What IFTTT would do for one linked user, over HTTP to the running server, then the hourly token-health job.</summary>
    private async Task MakeTrafficAsync()
    {
        var (_, _, token) = await server.CreateLinkedUserAsync(Ct);
        using var ifttt = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        ifttt.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.True((await ifttt.PostAsync("/ifttt/v1/triggers/door_opened", Json("""{"trigger_identity":"chart-front","triggerFields":{"door":"front"},"limit":3}"""), Ct)).IsSuccessStatusCode);
        Assert.False((await ifttt.PostAsync("/ifttt/v1/triggers/door_opened", Json("""{"triggerFields":{}}"""), Ct)).IsSuccessStatusCode);
        Assert.True((await ifttt.PostAsync("/ifttt/v1/actions/add_log_entry", Json("""{"actionFields":{"message":"hello"}}"""), Ct)).IsSuccessStatusCode);
        Assert.False((await ifttt.PostAsync("/ifttt/v1/actions/add_log_entry", Json("""{"actionFields":{}}"""), Ct)).IsSuccessStatusCode);
        Assert.True((await ifttt.GetAsync("/ifttt/v1/user/info", Ct)).IsSuccessStatusCode);
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TokenHealthJob>().RunAsync(Ct);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
