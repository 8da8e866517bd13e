using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using AdminPortal.Features.Accounts;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Accounts;

public sealed partial class RegisterTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AppUser?> FindAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    private static string SentNotice(string html) => SentParagraph().Match(html).Value;

    [GeneratedRegex("<p class=\"form-success\" role=\"status\" data-testid=\"registration-sent\">.*?</p>", RegexOptions.Singleline)]
    private static partial Regex SentParagraph();

    [Fact]
    public async Task Register_ValidForm_EmailsALinkThatCreatesTheAccountAndSignsIn()
    {
        var client = factory.CreateBrowserLikeClient();
        var email = AccountForms.NewEmail();

        var response = await AccountForms.RegisterAsync(client, email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"We sent a message to <strong>{email}</strong>", await response.Content.ReadAsStringAsync(Ct));
        Assert.Null(await FindAsync(email));
        var message = AccountForms.LatestEmailTo(factory, email);
        Assert.Equal("Finish creating your Demo Home account", message.Subject);
        var link = AccountForms.RegistrationLink(factory, email);
        var page = await client.GetStringAsync(link, Ct);
        Assert.Contains($"data-testid=\"registration-email\">{email}<", page);
        Assert.Null(await FindAsync(email)); // opening the link (as a mail scanner would) creates nothing

        var created = await AccountForms.ConfirmAsync(client, link);

        Assert.Equal("/Account", AccountForms.Location(created));
        Assert.Contains(email, await client.GetStringAsync("/Account", Ct));
        Assert.True((await FindAsync(email))!.EmailConfirmed);
        Assert.Equal(HttpStatusCode.Redirect, (await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, AccountForms.Password)).StatusCode);
    }

    [Fact]
    public async Task Register_LocalReturnUrl_FollowsItAfterTheLink()
    {
        const string authorize = "/connect/authorize?client_id=ifttt&state=xyz";
        var client = factory.CreateBrowserLikeClient();
        var email = AccountForms.NewEmail();

        await FormPoster.SubmitAsync(client, "/Account/Register?ReturnUrl=" + Uri.EscapeDataString(authorize),
            new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = AccountForms.Password,
                ["Input.ConfirmPassword"] = AccountForms.Password,
            });
        // Opened in another tab, as from a mail client: the link itself carries where to go.
        var response = await AccountForms.ConfirmAsync(factory.CreateBrowserLikeClient(), AccountForms.RegistrationLink(factory, email));

        Assert.Equal(authorize, AccountForms.Location(response));
    }

    [Fact]
    public async Task Register_TakenEmail_SameAnswerAsANewOneAndTheOwnerIsTold()
    {
        var taken = await AccountForms.RegisterSignedInAsync(factory, factory.CreateBrowserLikeClient());
        var fresh = AccountForms.NewEmail();

        var forTaken = await AccountForms.RegisterAsync(factory.CreateBrowserLikeClient(), taken, "Attacker-Passw0rd-1");
        var forFresh = await AccountForms.RegisterAsync(factory.CreateBrowserLikeClient(), fresh, "Attacker-Passw0rd-1");

        Assert.Equal(forFresh.StatusCode, forTaken.StatusCode);
        var freshNotice = SentNotice(await forFresh.Content.ReadAsStringAsync(Ct)).Replace(fresh, "ADDRESS");
        Assert.Contains("We sent a message to <strong>ADDRESS</strong>", freshNotice);
        Assert.Equal(freshNotice, SentNotice(await forTaken.Content.ReadAsStringAsync(Ct)).Replace(taken, "ADDRESS"));
        var toOwner = AccountForms.LatestEmailTo(factory, taken);
        Assert.Equal("You already have an account with Demo Home", toOwner.Subject);
        Assert.DoesNotContain("ConfirmRegistration", toOwner.TextBody);
        // Nothing about the account changed: its password is still the owner's.
        Assert.Equal(HttpStatusCode.Redirect, (await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), taken, AccountForms.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), taken, "Attacker-Passw0rd-1")).StatusCode);
    }

    [Fact]
    public async Task ConfirmRegistration_LinkUsedTwice_SecondTimeSaysTheAccountExists()
    {
        var email = AccountForms.NewEmail();
        await AccountForms.RegisterAsync(factory.CreateBrowserLikeClient(), email);
        var link = AccountForms.RegistrationLink(factory, email);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.ConfirmAsync(factory.CreateBrowserLikeClient(), link)).StatusCode);

        var again = await AccountForms.ConfirmAsync(factory.CreateBrowserLikeClient(), link);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already exists", await again.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ConfirmRegistration_AlteredOrExpiredLink_SaysInvalidAndCreatesNothing()
    {
        await using var clocked = new AdminPortalFactory { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };
        var email = AccountForms.NewEmail();
        await AccountForms.RegisterAsync(clocked.CreateBrowserLikeClient(), email);
        var link = AccountForms.RegistrationLink(clocked, email);

        var altered = await clocked.CreateBrowserLikeClient().GetStringAsync(link[..^4] + "AAAA", Ct);
        clocked.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var expired = await clocked.CreateBrowserLikeClient().GetStringAsync(link, Ct);

        Assert.Contains("This link is invalid or has expired", altered);
        Assert.Contains("This link is invalid or has expired", expired);
        Assert.DoesNotContain("Input.Token", expired);
        await using var scope = clocked.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task Register_WeakPassword_ShowsIdentityErrorInForm()
    {
        var response = await AccountForms.RegisterAsync(factory.CreateBrowserLikeClient(), AccountForms.NewEmail(), "short1A");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Passwords must be at least 10 characters", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Register_MismatchedConfirmation_ShowsValidationMessage()
    {
        var response = await AccountForms.RegisterAsync(factory.CreateBrowserLikeClient(), AccountForms.NewEmail(), AccountForms.Password, "Other-Passw0rd-1");

        Assert.Contains("The passwords do not match.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Register_WithoutEmailConfirmation_CreatesAtOnceAndSaysTaken()
    {
        await using var direct = new AdminPortalFactory();
        direct.Settings["Accounts:ConfirmRegistrationByEmail"] = "false";
        var client = direct.CreateBrowserLikeClient();
        var email = AccountForms.NewEmail();

        var created = await AccountForms.RegisterAsync(client, email);
        var again = await AccountForms.RegisterAsync(direct.CreateBrowserLikeClient(), email);

        Assert.Equal("/Account", AccountForms.Location(created));
        Assert.Contains(email, await client.GetStringAsync("/Account", Ct));
        Assert.Contains("is already taken", await again.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Register_SwitchedOff_PageSaysClosedAndPostCreatesNoUser()
    {
        await using var closed = new AdminPortalFactory();
        closed.Settings["Accounts:AllowRegistration"] = "false";
        var client = closed.CreateBrowserLikeClient();
        var email = AccountForms.NewEmail();

        var page = await client.GetStringAsync("/Account/Register", TestContext.Current.CancellationToken);
        var login = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        // The closed page has no form, so post with the login page's token, as a hand-made request would.
        var post = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormPoster.HiddenValue(login, "__RequestVerificationToken"),
            ["_handler"] = "register",
            ["Input.Email"] = email,
            ["Input.Password"] = AccountForms.Password,
            ["Input.ConfirmPassword"] = AccountForms.Password,
        }), TestContext.Current.CancellationToken);

        Assert.Contains("Registration is closed", page);
        Assert.DoesNotContain("Create an account</a>", login);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        await using var scope = closed.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }
}
