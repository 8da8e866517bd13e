using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Accounts.Administration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.BrowserTests.Admin;

/// <summary>An admin's open tab (a live circuit) after another admin removes their Admin role (issue 20 item 9).</summary>
public sealed class OpenTabRevalidationTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task Demotion_OpenAdminTabIsSentToSignIn_AndTheOldCookieNoLongerOpensTheDashboard()
    {
        const string password = "Second-Admin-Passw0rd";
        var email = $"second-{Guid.NewGuid():N}@browser.test";
        string userId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
            userId = user.Id;
        }
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fadmin%2Fusers");
        await browser.SignInAsync(email, password);
        await page.WaitForURLAsync("**/admin/users");
        await browser.WaitForCircuitAsync();

        Assert.Null(await server.Services.GetRequiredService<AdminAccounts>().RemoveAdminAsync(userId));

        await page.WaitForURLAsync("**/Account/Login?ReturnUrl=%2Fadmin%2Fusers", new() { Timeout = 10_000 });
        await page.GotoAsync("/admin");
        await page.WaitForURLAsync("**/Account/Login?ReturnUrl=%2Fadmin");
    }
}
