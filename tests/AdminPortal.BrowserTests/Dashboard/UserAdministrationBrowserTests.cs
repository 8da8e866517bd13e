using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.BrowserTests.Dashboard;

/// <summary>An admin manages one account from its user page in Chromium: makes it Admin, locks it, deletes it; and finds their own account from the app bar.</summary>
[Collection(DashboardCollection.Name)]
public sealed class UserAdministrationBrowserTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task UserPage_GrantLockDelete_AdminSeesEachStep()
    {
        var (userId, email) = await CreateUserAsync();
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.GotoAsync($"/admin/users/{userId}");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync($"**/admin/users/{userId}");
        await browser.WaitForCircuitAsync();
        var panel = page.Locator("[data-testid=account-panel]");

        await panel.Locator("[data-testid=grant-admin]").ClickAsync();
        await panel.Locator("[data-testid=admin-chip]").WaitForAsync();
        Assert.Equal("Admin", (await panel.Locator("[data-testid=admin-chip]").InnerTextAsync()).Trim());

        await panel.Locator("[data-testid=lock]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Lock" }).ClickAsync();
        await panel.Locator("[data-testid=locked-until]").WaitForAsync();
        Assert.Equal("until an admin unlocks", (await panel.Locator("[data-testid=locked-until]").InnerTextAsync()).Trim());
        await browser.ScreenshotAsync("user-account-locked");

        await panel.Locator("[data-testid=delete-user]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/users");
        var search = page.Locator("input[data-testid=user-search], [data-testid=user-search] input").First;
        await search.FillAsync(email);
        await search.PressAsync("Tab"); // the search applies on change, as when the admin leaves the field
        await page.GetByText($"Nobody matches '{email}'.").WaitForAsync();

        // The app bar's email is the way to the admin's own account page.
        await page.Locator("[data-testid=user-email]").ClickAsync();
        await page.WaitForURLAsync("**/Account");
        // The URL changes before the new page is in (and the old page has an h1 too): wait for the account page's own
        // element, which a locator retries across the navigation, instead of reading the whole document mid-load.
        var accountEmail = page.Locator("[data-testid=account-email]");
        await accountEmail.WaitForAsync();
        Assert.Equal(AppServer.AdminEmail, (await accountEmail.InnerTextAsync()).Trim());
        Assert.Empty(browser.FailedResponses);
    }

    private async Task<(string Id, string Email)> CreateUserAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var email = $"managed-{Guid.NewGuid():N}"[..16] + "@browser.test";
        var user = new AppUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, "User-Passw0rd-1")).Succeeded);
        return (user.Id, email);
    }
}
