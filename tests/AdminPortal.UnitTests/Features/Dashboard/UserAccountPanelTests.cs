using AdminPortal.Features.Dashboard.Users;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.UnitTests.Features.Dashboard;

/// <summary>The account panel on a user's page: the Admin role, locking, the reset link and deleting, as the admin sees them.</summary>
public sealed class UserAccountPanelTests : DashboardTestContext
{
    [Fact]
    public async Task UserDetailPage_RemoveTheOnlyAdmin_SaysWhyAndStaysAdmin()
    {
        await MigrateAsync();
        var ann = await AddAdminAsync("ann@acme.test");
        var page = RenderInCircuit<UserDetailPage>(p => p.Add(x => x.UserId, ann.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=remove-admin]")));

        await page.Find("[data-testid=remove-admin]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("This is the only admin", page.Find("[data-testid=account-error]").TextContent));
        Assert.Equal("Admin", page.Find("[data-testid=account-panel] [data-testid=admin-chip]").TextContent.Trim());
    }

    [Fact]
    public async Task UserDetailPage_MakeAdminThenRemove_ChipFollows()
    {
        await MigrateAsync();
        await AddAdminAsync("root@acme.test");
        var bob = await AddUserAsync("bob@acme.test");
        var page = RenderInCircuit<UserDetailPage>(p => p.Add(x => x.UserId, bob.Id));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=account-panel] [data-testid=admin-chip]")));

        await page.Find("[data-testid=grant-admin]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=account-panel] [data-testid=admin-chip]")));

        await page.Find("[data-testid=remove-admin]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=account-panel] [data-testid=admin-chip]")));
        Assert.Empty(page.FindAll("[data-testid=account-error]"));
    }

    [Fact]
    public async Task UserDetailPage_LockConfirmedThenUnlock_ShowsTheState()
    {
        await MigrateAsync();
        var bob = await AddUserAsync("bob@acme.test");
        var dialogs = Render<MudDialogProvider>();
        var page = RenderInCircuit<UserDetailPage>(p => p.Add(x => x.UserId, bob.Id));
        page.WaitForAssertion(() => Assert.Contains("Can sign in", page.Find("[data-testid=account-state]").TextContent));

        // The click's handler waits for the dialog's answer: it completes once the dialog is answered.
        var click = page.Find("[data-testid=lock]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Lock bob@acme.test?", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Lock").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.Equal("until an admin unlocks", page.Find("[data-testid=locked-until]").TextContent.Trim()));
        await page.Find("[data-testid=unlock]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=account-state]")));
    }

    [Fact]
    public async Task UserDetailPage_SendResetLink_EmailsALinkToTheResetPage()
    {
        await MigrateAsync();
        var bob = await AddUserAsync("bob@acme.test");
        var page = RenderInCircuit<UserDetailPage>(p => p.Add(x => x.UserId, bob.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=send-reset]")));

        await page.Find("[data-testid=send-reset]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(SentEmails.Sent));
        var email = SentEmails.Sent[0];
        Assert.Equal("bob@acme.test", email.ToAddress);
        Assert.Contains($"/Account/ResetPassword?userId={bob.Id}&code=", email.TextBody);
    }

    [Fact]
    public async Task UserDetailPage_DeleteConfirmed_UserAndTimelineGone()
    {
        await MigrateAsync();
        var bob = await AddUserAsync("bob@acme.test");
        await AddDoorEventAsync(bob.Id, "front", DateTimeOffset.UtcNow);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderInCircuit<UserDetailPage>(p => p.Add(x => x.UserId, bob.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=delete-user]")));

        var click = page.Find("[data-testid=delete-user]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("This cannot be undone", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => Assert.EndsWith("/admin/users", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
        var users = RenderInCircuit<UsersPage>();
        users.WaitForAssertion(() => Assert.Contains("No users yet", users.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public async Task UsersPage_AdminsOnly_ListsTheAdmins()
    {
        await MigrateAsync();
        await AddAdminAsync("root@acme.test");
        await AddUserAsync("bob@acme.test");
        var page = RenderInCircuit<UsersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=user-link]").Count));

        await page.Find("[data-testid=admins-only] input, input[data-testid=admins-only]").ChangeAsync(new() { Value = true });

        page.WaitForAssertion(() => Assert.Equal("root@acme.test", Assert.Single(page.FindAll("[data-testid=user-link]")).TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=admin-chip]"));
    }
}
