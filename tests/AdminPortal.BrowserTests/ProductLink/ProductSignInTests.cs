using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.BrowserTests.ProductLink;

/// <summary>
/// A customer who has an account only in the product links IFTTT in Chromium: IFTTT's authorize request, "Continue
/// with Acme Home", the product's own login page on its own port, back to AdminPortal's consent, and IFTTT gets its
/// code — without ever creating an AdminPortal password.
/// </summary>
public sealed class ProductSignInTests(ChromiumFixture chromium, ProductSignInServer server) : IClassFixture<ProductSignInServer>
{
    private const string RedirectUri = "https://ifttt.com/channels/demo_home/authorize";

    [Fact]
    public async Task ProductUser_LinksIftttThroughTheProductsLoginPage_IftttGetsACodeAndNoLocalPasswordExists()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        // IFTTT's redirect target is answered here: the browser never leaves this machine.
        await page.RouteAsync("https://ifttt.com/**", route => route.FulfillAsync(new() { Status = 200, Body = "IFTTT stand-in" }));

        await page.GotoAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "ifttt", ["response_type"] = "code", ["scope"] = "ifttt", ["state"] = "product-browser", ["redirect_uri"] = RedirectUri,
        }));
        await page.WaitForURLAsync("**/Account/Login**");
        await browser.ScreenshotAsync("product-login-choice");
        await browser.SubmitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Continue with Acme Home" }));

        // The product's own login page, on the product's own address.
        await page.WaitForURLAsync(url => url.StartsWith(server.Acme.BaseUrl + "login", StringComparison.Ordinal));
        await browser.ScreenshotAsync("product-login-at-product");
        await browser.SignInAsync("alice@acme.test", "Alice-pass-1");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Connect IFTTT?" }).WaitForAsync();
        Assert.StartsWith(server.BaseUrl, page.Url);
        await browser.ScreenshotAsync("product-login-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.WaitForURLAsync("https://ifttt.com/**");
        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Equal("product-browser", query["state"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code"]));

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var alice = await users.Users.SingleAsync(u => u.ExternalId == "usr_alice", TestContext.Current.CancellationToken);
            Assert.False(await users.HasPasswordAsync(alice));
        }

        await page.GotoAsync("/Account");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Connected services" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect IFTTT" }).WaitForAsync();
        // No AdminPortal password exists, so none is offered for change: the page points at the product instead.
        Assert.Contains("You sign in with your Acme Home account", await page.GetByTestId("account-managed-by").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).CountAsync());
        await browser.ScreenshotAsync("product-login-account");
        // The product serves no favicon; everything else either site showed must have loaded.
        Assert.DoesNotContain(browser.FailedResponses, r => !r.EndsWith("/favicon.ico", StringComparison.Ordinal));
    }
}
