using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;

namespace AdminPortal.IntegrationTests.Edge;

/// <summary>
/// The attack: load the consent page, the login page or Hangfire's dashboard in a hidden frame on another site and
/// trick the user into clicking Allow (or an admin into deleting jobs). Each answers with X-Frame-Options DENY and a
/// Content-Security-Policy whose frame-ancestors is 'none' and whose scripts come only from the app itself.
/// </summary>
public sealed class FrameProtectionTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConsentPage_IsNeverFramed()
    {
        var (_, email) = await factory.CreateUserAsync("framed");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);

        var consent = await flow.Browser.GetAsync(OAuthFlow.AuthorizeUrl("framed-state"), Ct);

        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.Contains("Allow", await consent.Content.ReadAsStringAsync(Ct));
        AssertNeverFramed(consent);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    [InlineData("/Account/ConfirmRegistration")]
    public async Task AccountPage_IsNeverFramed(string path)
    {
        var page = await factory.CreateBrowserLikeClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertNeverFramed(page);
    }

    [Fact]
    public async Task JobsDashboard_IsNeverFramed()
    {
        var admin = factory.CreateBrowserLikeClient();
        await FormPoster.LoginAsync(admin, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword);

        var jobs = await admin.GetAsync("/admin/jobs/recurring", Ct);

        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        AssertNeverFramed(jobs);
    }

    private static void AssertNeverFramed(HttpResponseMessage response)
    {
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("object-src 'none'", policy);
    }
}
