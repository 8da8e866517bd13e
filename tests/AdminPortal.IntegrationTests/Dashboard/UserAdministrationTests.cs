using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.Features.Dashboard.Users;
using AdminPortal.Features.Timelines;
using AdminPortal.IntegrationTests.Accounts;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AdminPortal.IntegrationTests.Dashboard;

/// <summary>The user page's account actions through the services the page calls, checked where people notice them: sign-in, IFTTT's calls, email.</summary>
public sealed partial class UserAdministrationTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RemoveAdmin_TheOnlyAdmin_RefusedAndTheyKeepTheDashboard()
    {
        await using var app = new AdminPortalFactory();
        var client = app.CreateBrowserLikeClient();
        var adminId = await IdOfAsync(app, AdminPortalFactory.AdminEmail);
        var accounts = app.Services.GetRequiredService<AdminAccounts>();

        Assert.Equal(AdminAccounts.LastAdminRefused, await accounts.RemoveAdminAsync(adminId));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var deleted = await scope.ServiceProvider.GetRequiredService<UserAdministration>().DeleteAsync(adminId, actingAdminId: "someone-else", Ct);
            Assert.Equal(AdminAccounts.LastAdminRefused, deleted);
        }

        Assert.Equal("/admin", AccountForms.Location(await FormPoster.LoginAsync(client, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task RemoveAdmin_WithASecondAdmin_TheFirstLosesTheDashboard()
    {
        var (secondId, _) = await factory.CreateUserAsync("second-admin");
        var (firstId, firstEmail) = await factory.CreateUserAsync("first-admin");
        var accounts = factory.Services.GetRequiredService<AdminAccounts>();
        Assert.Null(await accounts.GrantAdminAsync(secondId));
        Assert.Null(await accounts.GrantAdminAsync(firstId));

        Assert.Null(await accounts.RemoveAdminAsync(firstId));

        var client = factory.CreateBrowserLikeClient();
        Assert.Equal("/Account", AccountForms.Location(await FormPoster.LoginAsync(client, firstEmail, OAuthFactory.Password)));
        Assert.StartsWith("/Account/AccessDenied", AccountForms.Location(await client.GetAsync("/admin/users", Ct)));
    }

    [Fact]
    public async Task Delete_LinkedUser_IftttTokensStopWorkingThenEverythingOfTheirsIsGone()
    {
        var (userId, email, flow, tokens) = await LinkedUserAsync("doomed");
        Assert.Equal(HttpStatusCode.OK, (await flow.WhoAmIAsync(tokens.AccessToken, "/ifttt/v1/user/info")).Status);
        await AddEventAsync(userId);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().DeleteAsync(userId, actingAdminId: "an-admin", Ct));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync(tokens.AccessToken, "/ifttt/v1/user/info")).Status);
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(tokens.RefreshToken)).Error);
        var login = await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, OAuthFactory.Password);
        Assert.Contains("Wrong email or password.", await login.Content.ReadAsStringAsync(Ct));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Set<TimelineEvent>().AnyAsync(e => e.UserId == userId, Ct));
        Assert.False(await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreAuthorization>().AnyAsync(a => a.Subject == userId, Ct));
    }

    [Fact]
    public async Task Delete_Themselves_Refused()
    {
        var (userId, _) = await factory.CreateUserAsync("self");
        await using var scope = factory.Services.CreateAsyncScope();

        Assert.Equal("You cannot delete your own account here.", await scope.ServiceProvider.GetRequiredService<UserAdministration>().DeleteAsync(userId, userId, Ct));
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId));
    }

    [Fact]
    public async Task ResetLink_FromTheEmail_SetsAPasswordThatSignsIn()
    {
        var (userId, email) = await factory.CreateUserAsync("forgetful");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SendResetLinkAsync(userId, new Uri("http://localhost/"), Ct));
        }
        var link = ResetLinkIn(LatestEmailTo(email));
        const string newPassword = "Brand-New-Passw0rd";
        var client = factory.CreateBrowserLikeClient();

        var reset = await SubmitResetAsync(client, link, newPassword);

        Assert.Contains("Your password was set.", await reset.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/Account", AccountForms.Location(await FormPoster.LoginAsync(client, email, newPassword)));
        // Used once: the same link no longer works.
        var again = await SubmitResetAsync(factory.CreateBrowserLikeClient(), link, "Another-Passw0rd-2");
        Assert.Contains("This reset link is invalid or has expired.", await again.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ResetLink_TamperedCode_SaysTheLinkIsInvalid()
    {
        var (userId, _) = await factory.CreateUserAsync("tampered");

        var reset = await SubmitResetAsync(factory.CreateBrowserLikeClient(), $"/Account/ResetPassword?userId={userId}&code=bm90LWEtdG9rZW4", "Brand-New-Passw0rd");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("This reset link is invalid or has expired.", await reset.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Lock_StopsSignInAndIftttRefresh_UnlockRestoresSignIn()
    {
        var (userId, email, flow, tokens) = await LinkedUserAsync("lockable");
        var accounts = factory.Services.GetRequiredService<AdminAccounts>();

        Assert.Null(await accounts.LockAsync(userId));

        var login = await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, OAuthFactory.Password);
        Assert.Contains("This account is locked by an administrator.", await login.Content.ReadAsStringAsync(Ct));
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(tokens.RefreshToken)).Error);

        Assert.Null(await accounts.UnlockAsync(userId));
        Assert.Equal(HttpStatusCode.Redirect, (await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, OAuthFactory.Password)).StatusCode);
    }

    /// <summary>A user who linked IFTTT through the real flow (sign-in, consent, code, tokens).</summary>
    private async Task<(string Id, string Email, OAuthFlow Flow, TokenResponse Tokens)> LinkedUserAsync(string prefix)
    {
        var (userId, email) = await factory.CreateUserAsync(prefix);
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        return (userId, email, flow, await flow.LinkAsync());
    }

    private static async Task<string> IdOfAsync(AdminPortalFactory app, string email)
    {
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task AddEventAsync(string userId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var at = DateTimeOffset.UtcNow;
        db.Add(new TimelineEvent { Id = Guid.NewGuid().ToString("N")[..26], UserId = userId, Trigger = "door_opened", OccurredAt = at, ReceivedAt = at, Attributes = "{}", Ingredients = "{}" });
        await db.SaveChangesAsync(Ct);
    }

    private MimeMessage LatestEmailTo(string email) => AccountForms.LatestEmailTo(factory, email);

    private static string ResetLinkIn(MimeMessage message)
    {
        var url = new Uri(ResetUrl().Match(message.TextBody ?? "").Value);
        return url.PathAndQuery;
    }

    private static Task<HttpResponseMessage> SubmitResetAsync(HttpClient client, string link, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link).Query);
        return FormPoster.SubmitAsync(client, link, new Dictionary<string, string>
        {
            ["Input.UserId"] = query["userId"]!,
            ["Input.Code"] = query["code"]!,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
    }

    [GeneratedRegex(@"http://localhost/Account/ResetPassword\?\S+")]
    private static partial Regex ResetUrl();
}
