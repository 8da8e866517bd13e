using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.BrowserTests.OAuth;

/// <summary>Linking as the user sees it in a real browser: login, consent, the account page's Connected services.</summary>
public sealed class LinkingPagesTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    private const string RedirectUri = "https://ifttt.com/channels/demo_home/authorize";

    [Fact]
    public async Task Linking_SignInAllowThenDisconnect_IftttGetsCodeAndAccountPageListsThenDropsIt()
    {
        var email = $"linker-{Guid.NewGuid():N}@browser.test";
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>()
                .CreateAsync(new AppUser { UserName = email, Email = email }, "User-Passw0rd-1");
            Assert.True(created.Succeeded);
        }
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        // IFTTT's redirect target is answered here: the browser never leaves this machine.
        await page.RouteAsync("https://ifttt.com/**", route => route.FulfillAsync(new() { Status = 200, Body = "IFTTT stand-in" }));

        await page.GotoAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "ifttt", ["response_type"] = "code", ["scope"] = "ifttt", ["state"] = "browser-state", ["redirect_uri"] = RedirectUri,
        }));
        await page.WaitForURLAsync("**/Account/Login**");
        await browser.SignInAsync(email, "User-Passw0rd-1");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Connect IFTTT?" }).WaitForAsync();
        await browser.ScreenshotAsync("oauth-consent");

        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync("https://ifttt.com/**");
        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal("browser-state", query["state"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code"]));

        await page.GotoAsync("/Account");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Connected services" }).WaitForAsync();
        await browser.ScreenshotAsync("account-connected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect IFTTT" }).ClickAsync();
        await page.GetByText("IFTTT is disconnected").WaitForAsync();
        Assert.Contains("No services are connected", await page.Locator("main").InnerTextAsync());
        await browser.ScreenshotAsync("account-disconnected");
        Assert.Empty(browser.FailedResponses);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_ShowsErrorPageAndStaysHere()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/connect/authorize?client_id=ifttt&response_type=code&scope=ifttt&state=s&redirect_uri=https%3A%2F%2Fevil.example%2Fcb");

        await page.GetByRole(AriaRole.Heading, new() { Name = "This connection request cannot be completed" }).WaitForAsync();
        Assert.StartsWith(server.BaseUrl, page.Url);
        await browser.ScreenshotAsync("oauth-error");
    }
}
