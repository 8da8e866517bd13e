using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Accounts;

/// <summary>The first address a newcomer types, and the account pages in the dashboard's dark mode.</summary>
public sealed class LandingPageTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task Root_ShowsTheServiceWithLinksToAccountAndDashboard_AndAFavicon()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        Assert.Equal("Demo Home", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("/Account", await page.GetByRole(AriaRole.Link, new() { Name = "Your account" }).GetAttributeAsync("href"));
        Assert.Equal("/admin", await page.GetByRole(AriaRole.Link, new() { Name = "Admin dashboard" }).GetAttributeAsync("href"));
        Assert.Equal("Welcome · Demo Home", await page.TitleAsync());
        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.Equal(200, (await page.APIRequest.GetAsync(server.BaseUrl + "/" + icon)).Status);
        await browser.ScreenshotAsync("landing");
        Assert.Empty(browser.FailedResponses);
    }

    [Fact]
    public async Task AccountPages_FollowTheDashboardsDarkMode()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.Context.AddCookiesAsync([new() { Name = "adminportal-theme", Value = "dark", Url = server.BaseUrl }]);

        await page.GotoAsync("/Account/Login");

        var background = await page.Locator(".account-shell").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(26, 26, 39)", background);
        await browser.ScreenshotAsync("login-dark");
    }
}
