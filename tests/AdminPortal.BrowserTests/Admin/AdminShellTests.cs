using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Admin;

public sealed class AdminShellTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task AdminShell_AdminSignsInAndTogglesDarkMode_ThemeChangesAndIsRememberedUntilSignOut()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/admin");
        await page.WaitForURLAsync("**/Account/Login?ReturnUrl=%2Fadmin");
        await browser.ScreenshotAsync("login");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);

        await page.WaitForURLAsync("**/admin");
        await browser.WaitForCircuitAsync();
        Assert.Equal("0", await page.Locator("[data-testid=linked-count]").InnerTextAsync());
        Assert.Equal(AppServer.AdminEmail, await page.Locator("[data-testid=user-email]").InnerTextAsync());
        var lightBackground = await BackgroundAsync(page);
        await browser.ScreenshotAsync("overview-light");

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await page.Locator(".admin-dark").WaitForAsync();
        await page.Mouse.MoveAsync(600, 600); // let the toggle's tooltip close before the screenshot
        var darkBackground = await BackgroundAsync(page);
        await browser.ScreenshotAsync("overview-dark");

        Assert.NotEqual(lightBackground, darkBackground);
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        Assert.Equal(1, await page.Locator(".admin-dark").CountAsync());
        Assert.Equal(darkBackground, await BackgroundAsync(page));

        // The app bar's sign-out is a plain form POST carrying the antiforgery token the circuit rendered.
        await browser.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await page.WaitForURLAsync("**/Account/Login");
        Assert.Empty(browser.FailedResponses);
    }

    /// <summary>What the person sees behind the page: MudBlazor paints the body from the theme's palette.</summary>
    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
