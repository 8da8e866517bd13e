using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Accounts;

public sealed class AccountPagesTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task AccountPages_EndUserRegisters_SeesOwnAccountIsDeniedAdminAndChangesPassword()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        var email = $"user-{Guid.NewGuid():N}@browser.test";

        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        // Blazor's enhanced navigation patches the DOM in place: wait for the new page before typing.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Create an account" }).WaitForAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Confirm password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).First.WaitForAsync();
        await browser.ScreenshotAsync("register-errors");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("User-Passw0rd-1");
        await page.GetByLabel("Confirm password").FillAsync("User-Passw0rd-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.GetByTestId("registration-sent").WaitForAsync();
        Assert.Contains($"We sent a message to {email}", await page.GetByTestId("registration-sent").InnerTextAsync());
        await browser.ScreenshotAsync("register-check-email");

        await page.GotoAsync(RegistrationLinkTo(email));
        Assert.Equal(email, await page.GetByTestId("registration-email").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/Account");
        Assert.Equal(email, await page.Locator("[data-testid=account-email]").InnerTextAsync());
        await browser.ScreenshotAsync("account");

        await page.GotoAsync("/admin");
        await page.WaitForURLAsync("**/Account/AccessDenied**");
        Assert.Contains("administrators only", await page.Locator("main").InnerTextAsync());
        await browser.ScreenshotAsync("access-denied");

        await page.GotoAsync("/Account/ChangePassword");
        await page.GetByLabel("Current password").FillAsync("User-Passw0rd-1");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Brand-New-Passw0rd");
        await page.GetByLabel("Confirm new password").FillAsync("Brand-New-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Equal("Your password was changed.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await browser.ScreenshotAsync("password-changed");
        Assert.Empty(browser.FailedResponses);
    }

    /// <summary>The link in the registration email the app wrote to this server's outbox.</summary>
    private string RegistrationLinkTo(string email)
    {
        var message = new DirectoryInfo(Path.Combine(server.DataDirectory, "outbox")).GetFiles("*.eml").Select(f => MimeKit.MimeMessage.Load(f.FullName))
            .Single(m => m.To.Mailboxes.Any(a => a.Address == email));
        return System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+/Account/ConfirmRegistration\?token=\S+").Value;
    }
}
