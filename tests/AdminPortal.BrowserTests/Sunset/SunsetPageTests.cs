using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Sunset;

public sealed class SunsetPageTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task SunsetPage_AdminPlansSunset_SeesRefusalThenTimelineAndPlatformNoticeInOutbox()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.GotoAsync("/admin/sunset");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin/sunset");
        await browser.WaitForCircuitAsync();

        var tooSoon = DateTime.UtcNow.Date.AddDays(5).ToString("yyyy-MM-dd");
        await Field(page, "sunset-date", "input").FillAsync(tooSoon);
        await Field(page, "sunset-date", "input").PressAsync("Tab");
        await Field(page, "sunset-reason", "input").FillAsync("We are moving to a new platform.");
        await Field(page, "sunset-message", "textarea").FillAsync("Export your history first.");
        await page.Locator("[data-testid=sunset-submit]").ClickAsync();
        await page.Locator("[data-testid=sunset-error]").WaitForAsync();
        Assert.Contains("at least 14 days", await page.Locator("[data-testid=sunset-error]").InnerTextAsync());
        await browser.ScreenshotAsync("sunset-refused");

        var later = DateTime.UtcNow.Date.AddDays(30);
        await Field(page, "sunset-date", "input").FillAsync(later.ToString("yyyy-MM-dd"));
        await Field(page, "sunset-date", "input").PressAsync("Tab");
        await page.Locator("[data-testid=sunset-submit]").ClickAsync();

        var timeline = page.Locator("[data-testid=sunset-timeline]");
        await timeline.WaitForAsync();
        var text = await timeline.InnerTextAsync();
        Assert.Contains("Platform team notice", text);
        Assert.Contains("User notice (T-7 days)", text);
        Assert.Contains("Sunset (T-0)", text);
        Assert.Contains(later.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), text);
        await browser.ScreenshotAsync("sunset-scheduled");

        // The platform notice goes out at once (a Hangfire job); the outbox shows it.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            await page.GotoAsync("/admin/outbox");
            await browser.WaitForCircuitAsync();
            if (await page.GetByText("platform-support@ifttt.com").CountAsync() > 0)
            {
                break;
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        Assert.True(await page.GetByText("platform-support@ifttt.com").CountAsync() > 0, "the platform notice never reached the outbox");
        await browser.ScreenshotAsync("outbox");
        Assert.Empty(browser.FailedResponses);
    }

    /// <summary>MudBlazor puts a field's attributes on the input itself in some versions and on its wrapper in others.</summary>
    private static ILocator Field(IPage page, string testId, string element) =>
        page.Locator($"{element}[data-testid={testId}], [data-testid={testId}] {element}").First;
}
