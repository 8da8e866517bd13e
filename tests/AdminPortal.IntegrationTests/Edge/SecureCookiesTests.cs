using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Edge;

/// <summary>
/// Outside Development every cookie is Secure — the sign-in cookie and the antiforgery cookie alike, even when a
/// request reached the app over plain http — and https answers carry HSTS, so a browser never falls back to http.
/// </summary>
public sealed class SecureCookiesTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginPage_OverHttps_SetsASecureAntiforgeryCookieAndHsts()
    {
        var page = await factory.CreateHttpsBrowser().GetAsync("/Account/Login", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = Assert.Single(SetCookies(page), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task SignIn_OverHttps_SetsASecureAuthCookie()
    {
        var login = await FormPoster.LoginAsync(factory.CreateHttpsBrowser(), AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var auth = Assert.Single(SetCookies(login), c => c.StartsWith("AdminPortal.Auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoginPage_OverPlainHttp_StillMarksItsCookieSecure()
    {
        // Always, not SameAsRequest: a proxy that forgot X-Forwarded-Proto must not make the app hand out plain cookies.
        var page = await factory.CreateClient(new() { BaseAddress = new Uri($"http://{ProductionFactory.PublicHost}/") })
            .GetAsync("/Account/Login", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.All(SetCookies(page), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(SetCookies(page));
        Assert.False(page.Headers.Contains("Strict-Transport-Security")); // HSTS is only ever sent over https
    }

    private static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
}
