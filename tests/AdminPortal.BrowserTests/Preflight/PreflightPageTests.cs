using AdminPortal.BrowserTests.Accessibility;
using AdminPortal.BrowserTests.Infrastructure;
using Deque.AxeCore.Playwright;

namespace AdminPortal.BrowserTests.Preflight;

/// <summary>The Preflight page on real Kestrel: a run against the page's own origin, its stored results, the checklist.</summary>
public sealed class PreflightPageTests(ChromiumFixture chromium, AccessibilityServer server) : IClassFixture<AccessibilityServer>
{
    [Fact]
    public async Task AdminRunsPreflight_SeesResultsWithFixHints_AndTickedAppletsStay()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.GotoAsync("/admin/preflight");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin/preflight");
        await browser.WaitForCircuitAsync();
        Assert.Equal("false", await page.Locator("[data-testid=check-https]").GetAttributeAsync("data-done"));
        Assert.Equal("true", await page.Locator("[data-testid=check-service-key]").GetAttributeAsync("data-done"));

        await page.Locator("[data-testid=preflight-run]").ClickAsync();
        await page.WaitForURLAsync("**/admin/preflight/runs/*", new() { Timeout = 60_000 });
        var summary = page.Locator("[data-testid=preflight-summary]");
        await summary.WaitForAsync();
        Assert.Matches(@"\d+ passed, 0 failed, \d+ skipped", await summary.InnerTextAsync());
        var rows = await page.Locator("[data-testid=preflight-result-rows]").InnerTextAsync();
        Assert.Contains("triggers/door_opened: returns at least three items", rows);
        Assert.Contains("authentication tests need the OAuth client secret", rows);
        Assert.Contains("#1", await page.Locator("[data-testid=preflight-runs]").InnerTextAsync());

        await page.Locator("[data-testid=applet-3] input[type=checkbox]").CheckAsync();
        await page.Locator("[data-testid=check-applets]").GetByText("1 of 12 ticked below.").WaitForAsync();
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        Assert.True(await page.Locator("[data-testid=applet-3] input[type=checkbox]").IsCheckedAsync());

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await browser.ScreenshotAsync("preflight");
        Assert.Empty(browser.FailedResponses);
    }
}
