using System.Net.Http.Headers;
using System.Text;
using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Dashboard;

/// <summary>
/// The dashboard end to end on real Kestrel: an admin adds a test event from the Timelines page, finds it on the
/// user's timeline, sees the trigger identity IFTTT's poll created, and revokes the user's IFTTT connection.
/// Every page is screenshotted on the way (TestResults/screenshots).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_AdminAddsEventSeesPollAndRevokes_EveryPageWorks()
    {
        var (userId, email, token) = await server.CreateLinkedUserAsync(Ct);
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/admin/timelines");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin/timelines");
        await browser.WaitForCircuitAsync();
        await page.Locator("[data-testid=empty-state]").WaitForAsync();

        // Add a test event through the page: the ingest path, as the product would send it.
        await page.Locator("[data-testid=test-event-toggle]").ClickAsync();
        await Field(page, "test-event-user").FillAsync(email);
        await Field(page, "test-event-attribute-door").FillAsync("front");
        await Field(page, "test-event-attribute-room").FillAsync("hall");
        await browser.ScreenshotAsync("timelines-add-test-event");
        await page.Locator("[data-testid=test-event-submit]").ClickAsync();
        await page.Locator("[data-testid=test-event-stored]").WaitForAsync();
        await page.Locator("[data-testid=event-link]").First.WaitForAsync();
        Assert.Equal(1, await page.Locator("[data-testid=event-link]").CountAsync());
        await browser.ScreenshotAsync("timelines");

        await page.Locator("[data-testid=event-link]").First.ClickAsync();
        await page.Locator("[data-testid=event-json]").WaitForAsync();
        Assert.Contains("\"meta\"", await page.Locator("[data-testid=event-json]").InnerTextAsync());
        await browser.ScreenshotAsync("event-detail");

        // IFTTT polls with a trigger identity and checks the token (user/info).
        using var ifttt = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        ifttt.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var poll = await ifttt.PostAsync("/ifttt/v1/triggers/door_opened",
            new StringContent("""{"trigger_identity":"browser-front-door","triggerFields":{"door":"front"},"limit":50}""", Encoding.UTF8, "application/json"), Ct);
        Assert.True(poll.IsSuccessStatusCode, await poll.Content.ReadAsStringAsync(Ct));
        Assert.True((await ifttt.GetAsync("/ifttt/v1/user/info", Ct)).IsSuccessStatusCode);

        // The identity is written in the background: reload until it shows.
        await ReloadUntilAsync(browser, "/admin/identities", "[data-testid=identity-link]");
        await browser.ScreenshotAsync("identities");
        await page.Locator("[data-testid=identity-link]").First.ClickAsync();
        await page.Locator("[data-testid=poll-count]").WaitForAsync();
        Assert.Equal("1 event(s)", await page.Locator("[data-testid=poll-count]").InnerTextAsync());
        await browser.ScreenshotAsync("identity-detail");

        // The user's page: their timeline, the connection IFTTT uses, healthy until revoked.
        await page.GotoAsync($"/admin/users/{userId}");
        await browser.WaitForCircuitAsync();
        await page.Locator("[data-testid=user-timeline-door_opened]").WaitForAsync();
        Assert.Contains("door=front", await page.Locator("[data-testid=user-timeline-door_opened]").InnerTextAsync());
        Assert.Equal("healthy", (await page.Locator("[data-testid=health-state]").First.InnerTextAsync()).Trim());
        await browser.ScreenshotAsync("user-detail");
        await page.Locator("[data-testid=revoke]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.GetByText("Not linked to IFTTT.").WaitForAsync();
        await page.Locator("[data-testid=health-state]").First.WaitForAsync();
        Assert.Equal("disconnected", (await page.Locator("[data-testid=health-state]").First.InnerTextAsync()).Trim());
        Assert.False((await ifttt.GetAsync("/ifttt/v1/user/info", Ct)).IsSuccessStatusCode);
        await browser.ScreenshotAsync("user-revoked");

        // The remaining pages render with the data this test made.
        await ReloadUntilAsync(browser, "/admin/traffic", "[data-testid=request-link]");
        await browser.ScreenshotAsync("traffic");
        await page.GotoAsync("/admin/users");
        await browser.WaitForCircuitAsync();
        await page.Locator("[data-testid=user-link]").First.WaitForAsync();
        await browser.ScreenshotAsync("users");
        foreach (var (path, name) in new[] { ("/admin", "overview"), ("/admin/realtime", "realtime"), ("/admin/actions", "actions"), ("/admin/service", "service") })
        {
            await page.GotoAsync(path);
            await browser.WaitForCircuitAsync();
            await page.Locator("h1").First.WaitForAsync();
            await browser.ScreenshotAsync(name);
        }
        // The value IFTTT's platform asks for, copied with its button: the origin, without /ifttt/v1 (IFTTT appends it).
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var prefix = await page.Locator("[data-testid=platform-api-url]").InnerTextAsync();
        Assert.DoesNotContain("/ifttt", prefix);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy API URL prefix" }).ClickAsync();
        await page.GetByText("API URL prefix copied").WaitForAsync();
        Assert.Equal(prefix, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        Assert.Empty(browser.FailedResponses);
    }

    private static async Task ReloadUntilAsync(BrowserSession browser, string path, string selector)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await browser.Page.GotoAsync(path);
            await browser.WaitForCircuitAsync();
            await browser.Page.Locator("table").First.WaitForAsync();
            await Task.Delay(200, Ct);
            if (await browser.Page.Locator(selector).CountAsync() > 0)
            {
                return;
            }
        }
        Assert.Fail($"{selector} never appeared on {path}");
    }

    /// <summary>MudBlazor puts a field's attributes on the input itself in some versions and on its wrapper in others.</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
}
