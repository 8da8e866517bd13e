using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Accounts;

public sealed class ChangePasswordTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    private const string NewPassword = "Brand-New-Passw0rd";

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_OldFailsAndNewWorks()
    {
        var client = factory.CreateBrowserLikeClient();
        var email = await AccountForms.RegisterSignedInAsync(factory, client);

        var changed = await AccountForms.ChangePasswordAsync(client, AccountForms.Password, NewPassword);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // The refreshed cookie still works after the security stamp changed.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account", TestContext.Current.CancellationToken)).StatusCode);
        var oldLogin = await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, AccountForms.Password);
        Assert.Equal(HttpStatusCode.OK, oldLogin.StatusCode);
        var newLogin = await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, NewPassword);
        Assert.Equal("/Account", AccountForms.Location(newLogin));
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_ShowsErrorAndKeepsOldPassword()
    {
        var client = factory.CreateBrowserLikeClient();
        var email = await AccountForms.RegisterSignedInAsync(factory, client);

        var changed = await AccountForms.ChangePasswordAsync(client, "Not-The-Passw0rd", NewPassword);

        Assert.Contains("Incorrect password.", await changed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var login = await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, AccountForms.Password);
        Assert.Equal("/Account", AccountForms.Location(login));
    }

    [Fact]
    public async Task ChangePassword_Anonymous_RedirectsToLogin()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/Account/ChangePassword", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
    }
}
