using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Admin;

/// <summary>
/// Hangfire's dashboard under the app's Content-Security-Policy (decision 0019): its scripts load and run — the
/// realtime graph polls the stats — with no violation reported, and its buttons still work.
/// </summary>
public sealed class JobsDashboardBrowserTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task JobsDashboard_UnderTheAppsPolicy_RunsItsScriptsWithoutViolations()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/admin/jobs");
        await page.WaitForURLAsync("**/Account/Login**");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin/jobs");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Hangfire === 'object' && typeof window.jQuery === 'function'"),
            "Hangfire's scripts did not run");
        await page.GotoAsync("/admin/jobs/recurring");
        await page.GetByText("oauth-prune").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await browser.ScreenshotAsync("jobs-recurring");
        Assert.Empty(browser.FailedResponses);
    }
}
