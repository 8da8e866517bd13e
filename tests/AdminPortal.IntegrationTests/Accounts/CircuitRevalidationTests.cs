using System.Net;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Accounts;

/// <summary>
/// An open admin tab is a Blazor circuit holding the principal it started with. Each test opens one as the app does
/// (the scoped AuthenticationStateProvider given the signed-in principal), then changes the account through the real
/// interfaces — sign-out POST, demotion, lock — and watches the circuit lose access.
/// </summary>
public sealed class CircuitRevalidationTests : IClassFixture<CircuitRevalidationTests.LongIntervalFactory>
{
    /// <summary>Periodic checks far away, so only the immediate notice can explain a lost circuit.</summary>
    public sealed class LongIntervalFactory : AdminPortalFactory
    {
        public LongIntervalFactory() => Settings["Accounts:SessionRevalidationInterval"] = "00:30:00";
    }

    private const string Password = "Circuit-Passw0rd-1";
    private readonly AdminPortalFactory _factory;

    public CircuitRevalidationTests(LongIntervalFactory factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignOut_OpenCircuitOfThatAdminLosesAccess_AndOtherCopiesOfTheCookieStopWorking()
    {
        var (userId, email) = await CreateAdminAsync(_factory);
        var browser = _factory.CreateBrowserLikeClient();
        await FormPoster.LoginAsync(browser, email, Password);
        var otherDevice = _factory.CreateBrowserLikeClient();
        await FormPoster.LoginAsync(otherDevice, email, Password);
        var circuit = await OpenCircuitAsync(_factory, userId);

        var token = FormPoster.HiddenValue(await browser.GetStringAsync("/Account", Ct), "__RequestVerificationToken");
        var logout = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal("/Account/Login", AccountForms.Location(logout));
        Assert.True(await IsAuthenticatedAsync(circuit), "the circuit is told only after the signing-out tab has left");
        Assert.False(await StillAuthenticatedAfterAsync(circuit, within: AccountEndpoints.SignOutCircuitDelay + TimeSpan.FromSeconds(5)));
        var admin = await otherDevice.GetAsync("/admin", Ct);
        Assert.StartsWith("/Account/Login", admin.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Demotion_OpenCircuitLosesAccessAtOnce_AndTheOldCookieNoLongerOpensAdminPages()
    {
        var (userId, email) = await CreateAdminAsync(_factory);
        var browser = _factory.CreateBrowserLikeClient();
        await FormPoster.LoginAsync(browser, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin", Ct)).StatusCode);
        var circuit = await OpenCircuitAsync(_factory, userId);

        Assert.Null(await _factory.Services.GetRequiredService<AdminAccounts>().RemoveAdminAsync(userId));

        Assert.False(await StillAuthenticatedAfterAsync(circuit, within: TimeSpan.FromSeconds(5)));
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/admin", Ct)).StatusCode);
    }

    [Fact]
    public async Task AdminLock_OpenCircuitLosesAccessAtOnce()
    {
        var (userId, _) = await CreateAdminAsync(_factory);
        var circuit = await OpenCircuitAsync(_factory, userId);
        var bystander = await OpenCircuitAsync(_factory, (await CreateAdminAsync(_factory)).Id);

        Assert.Null(await _factory.Services.GetRequiredService<AdminAccounts>().LockAsync(userId));

        Assert.False(await StillAuthenticatedAfterAsync(circuit, within: TimeSpan.FromSeconds(5)));
        Assert.True(await IsAuthenticatedAsync(bystander));
    }

    [Fact]
    public async Task StampChangedBehindTheAppsBack_CaughtByThePeriodicCheck()
    {
        await using var factory = new AdminPortalFactory();
        factory.Settings["Accounts:SessionRevalidationInterval"] = "00:00:01";
        var (userId, _) = await CreateAdminAsync(factory);
        var (untouchedId, _) = await CreateAdminAsync(factory);
        var circuit = await OpenCircuitAsync(factory, userId);
        var untouched = await OpenCircuitAsync(factory, untouchedId);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(userId))!); // no notice: as another tool would
        }

        Assert.False(await StillAuthenticatedAfterAsync(circuit, within: TimeSpan.FromSeconds(10)));
        Assert.True(await IsAuthenticatedAsync(untouched));
    }

    private static async Task<(string Id, string Email)> CreateAdminAsync(AdminPortalFactory factory)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = AccountForms.NewEmail();
        var user = new AppUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
        return (user.Id, email);
    }

    /// <summary>A circuit's provider, in a scope of its own, holding the principal the user signs in with now.</summary>
    private static async Task<AuthenticationStateProvider> OpenCircuitAsync(AdminPortalFactory factory, string userId)
    {
        var scope = factory.Services.CreateAsyncScope(); // lives as long as the factory, as a circuit's would
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync((await users.FindByIdAsync(userId))!);
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        Assert.True(principal.IsInRole(Roles.Admin));
        return provider;
    }

    private static async Task<bool> IsAuthenticatedAsync(AuthenticationStateProvider circuit) =>
        (await circuit.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

    /// <summary>Whether the circuit is still authenticated after waiting up to <paramref name="within"/> for it to lose access.</summary>
    private static async Task<bool> StillAuthenticatedAfterAsync(AuthenticationStateProvider circuit, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (await IsAuthenticatedAsync(circuit) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }
        return await IsAuthenticatedAsync(circuit);
    }
}
