using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Foundation;

public sealed class JobsDashboardTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task JobsDashboard_Anonymous_RedirectsToLogin()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/admin/jobs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task JobsDashboard_Admin_ShowsHangfireWithPruneJob()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = factory.CreateBrowserLikeClient();
        var login = await FormPoster.LoginAsync(client, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var response = await client.GetAsync("/admin/jobs/recurring", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("oauth-prune", await response.Content.ReadAsStringAsync(ct));
    }
}
