using System.Net;
using AdminPortal.Features.Admin;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Accounts;

public sealed class AdminAccessTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task Admin_Anonymous_RedirectsToLoginWithReturnUrl()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/admin", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fadmin", response.Headers.Location?.Query);
    }

    [Fact]
    public async Task Admin_SignedInEndUser_RedirectsToAccessDenied()
    {
        var client = factory.CreateBrowserLikeClient();
        await AccountForms.RegisterSignedInAsync(factory, client);

        var response = await client.GetAsync("/admin", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location?.AbsolutePath);
        var denied = await client.GetStringAsync(response.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Contains("administrators only", denied);
    }

    [Fact]
    public async Task AdminNav_EveryEntry_AnswersAdminWithoutNotFound()
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPoster.LoginAsync(client, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword);

        foreach (var entry in AdminNav.Entries)
        {
            var response = await client.GetAsync(entry.Href, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{entry.Href} answered {(int)response.StatusCode}");
        }
    }
}
