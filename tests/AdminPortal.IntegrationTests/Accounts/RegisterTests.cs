using System.Net;
using AdminPortal.Features.Accounts;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Accounts;

public sealed class RegisterTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task Register_ValidForm_SignsInAndLandsOnAccountPage()
    {
        var client = factory.CreateBrowserLikeClient();
        var email = AccountForms.NewEmail();

        var response = await AccountForms.RegisterAsync(client, email);

        Assert.Equal("/Account", AccountForms.Location(response));
        var account = await client.GetStringAsync("/Account", TestContext.Current.CancellationToken);
        Assert.Contains(email, account);
    }

    [Fact]
    public async Task Register_LocalReturnUrl_FollowsIt()
    {
        const string authorize = "/connect/authorize?client_id=ifttt&state=xyz";
        var client = factory.CreateBrowserLikeClient();

        var response = await FormPoster.SubmitAsync(client, "/Account/Register?ReturnUrl=" + Uri.EscapeDataString(authorize),
            new Dictionary<string, string>
            {
                ["Input.Email"] = AccountForms.NewEmail(),
                ["Input.Password"] = AccountForms.Password,
                ["Input.ConfirmPassword"] = AccountForms.Password,
            });

        Assert.Equal(authorize, AccountForms.Location(response));
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
    public async Task Register_EmailTaken_ShowsIdentityError()
    {
        var email = await AccountForms.RegisterSignedInAsync(factory.CreateBrowserLikeClient());

        var response = await AccountForms.RegisterAsync(factory.CreateBrowserLikeClient(), email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is already taken", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
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
