using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Backups;

/// <summary>The Backups page on real Kestrel: "Back up now" writes a copy of the app's SQLite file and the list shows it.</summary>
public sealed class BackupsPageTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task BackUpNow_WritesABackupFileThePageLists()
    {
        var folder = Path.Combine(server.DataDirectory, "backups");
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.GotoAsync("/admin/backups");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin/backups");
        await browser.WaitForCircuitAsync();
        await page.Locator("[data-testid=empty-state]").WaitForAsync();
        Assert.Equal("none yet", (await page.Locator("[data-testid=last-outcome]").InnerTextAsync()).Trim());

        await page.Locator("[data-testid=backup-now]").ClickAsync();

        var listed = page.Locator("[data-testid=backup-file]");
        await listed.First.WaitForAsync();
        var name = (await listed.First.InnerTextAsync()).Trim();
        Assert.Equal([name], Directory.GetFiles(folder, "*.db").Select(Path.GetFileName));
        Assert.Equal("succeeded", (await page.Locator("[data-testid=last-outcome]").InnerTextAsync()).Trim());
        Assert.Equal("1 of 7", (await page.Locator("[data-testid=backup-count]").InnerTextAsync()).Trim());
        await browser.ScreenshotAsync("backups");
        Assert.Empty(browser.FailedResponses);
    }
}
