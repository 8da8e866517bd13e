using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Accounts;

public sealed class LoginTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task Login_Admin_LandsOnAdminOverview()
    {
        var client = factory.CreateBrowserLikeClient();

        var login = await FormPoster.LoginAsync(client, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword);

        Assert.Equal("/admin", AccountForms.Location(login));
        var overview = await client.GetAsync("/admin", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("data-testid=\"linked-count\"", await overview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Login_EndUser_LandsOnAccountPage()
    {
        var email = await AccountForms.RegisterSignedInAsync(factory, factory.CreateBrowserLikeClient());
        var client = factory.CreateBrowserLikeClient();

        var login = await FormPoster.LoginAsync(client, email, AccountForms.Password);

        Assert.Equal("/Account", AccountForms.Location(login));
    }

    [Fact]
    public async Task Login_LocalReturnUrlWithQuery_FollowsIt()
    {
        const string authorize = "/connect/authorize?client_id=ifttt&state=abc%2F1&response_type=code";
        var client = factory.CreateBrowserLikeClient();

        var login = await FormPoster.LoginAsync(client, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword, authorize);

        Assert.Equal(authorize, AccountForms.Location(login));
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task Login_ExternalReturnUrl_IsNotFollowed(string returnUrl)
    {
        var client = factory.CreateBrowserLikeClient();

        var login = await FormPoster.LoginAsync(client, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword, returnUrl);

        Assert.Equal("/admin", AccountForms.Location(login));
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorInForm()
    {
        var response = await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), AdminPortalFactory.AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksAccountEvenForTheRightOne()
    {
        var email = await AccountForms.RegisterSignedInAsync(factory, factory.CreateBrowserLikeClient());
        var client = factory.CreateBrowserLikeClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await FormPoster.LoginAsync(client, email, "Wrong-Passw0rd-" + attempt);
        }

        var response = await FormPoster.LoginAsync(client, email, AccountForms.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked after too many failed sign-in attempts", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LoginPage_RegistrationOpen_LinksToRegisterKeepingReturnUrl()
    {
        var html = await factory.CreateBrowserLikeClient().GetStringAsync("/Account/Login?ReturnUrl=%2Fconnect%2Fauthorize%3Fx%3D1", TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/Account/Register?ReturnUrl=%2Fconnect%2Fauthorize%3Fx%3D1\"", html);
    }

    [Fact]
    public async Task Logout_WithAntiforgeryToken_SignsOut()
    {
        var client = factory.CreateBrowserLikeClient();
        await AccountForms.RegisterSignedInAsync(factory, client);
        var token = FormPoster.HiddenValue(await client.GetStringAsync("/Account", TestContext.Current.CancellationToken), "__RequestVerificationToken");

        var logout = await client.PostAsync("/Account/Logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), TestContext.Current.CancellationToken);

        Assert.Equal("/Account/Login", AccountForms.Location(logout));
        var account = await client.GetAsync("/Account", TestContext.Current.CancellationToken);
        Assert.StartsWith("/Account/Login", account.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRefused()
    {
        var client = factory.CreateBrowserLikeClient();
        await AccountForms.RegisterSignedInAsync(factory, client);

        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account", TestContext.Current.CancellationToken)).StatusCode);
    }
}
