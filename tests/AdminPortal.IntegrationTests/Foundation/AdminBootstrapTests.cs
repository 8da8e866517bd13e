using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Features.Accounts;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Foundation;

public sealed partial class AdminBootstrapTests
{
    [Fact]
    public async Task Bootstrap_NoPasswordConfigured_LogsGeneratedPasswordOnceThatSignsIn()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        string password;
        await using (var first = AdminPortalFactory.OverDirectory(directory))
        {
            first.Settings["Admin:Password"] = "";
            _ = first.CreateClient();
            var line = Assert.Single(first.Logs.Lines, l => l.Contains("generated password"));
            Assert.Contains("change it", line);
            password = GeneratedPassword().Match(line).Groups[1].Value;

            var login = await FormPoster.LoginAsync(first.CreateBrowserLikeClient(), AdminPortalFactory.AdminEmail, password);
            Assert.Equal("/admin", new Uri(new Uri("http://localhost"), login.Headers.Location!).AbsolutePath);
        }

        await using var second = AdminPortalFactory.OverDirectory(directory);
        second.Settings["Admin:Password"] = "";
        _ = second.CreateClient();
        Assert.DoesNotContain(second.Logs.Lines, l => l.Contains("generated password"));
        Assert.Equal(1, await CountAdminsAsync(second));
    }

    [Fact]
    public async Task Bootstrap_RestartedTwice_ExactlyOneAdmin()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        for (var start = 0; start < 3; start++)
        {
            await using var factory = AdminPortalFactory.OverDirectory(directory);
            _ = factory.CreateClient();
            Assert.Equal(1, await CountAdminsAsync(factory));
        }
    }

    [Fact]
    public async Task Bootstrap_PasswordSetButAdminExists_WarnsItIsIgnored()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        await using (var first = AdminPortalFactory.OverDirectory(directory))
        {
            _ = first.CreateClient();
            Assert.DoesNotContain(first.Logs.Lines, l => l.Contains("Admin:Password is set but ignored"));
        }

        await using var second = AdminPortalFactory.OverDirectory(directory);
        second.Settings["Admin:Password"] = "A-Different-Passw0rd";
        _ = second.CreateClient();

        Assert.Single(second.Logs.Lines, l => l.Contains("Admin:Password is set but ignored"));
        // The first password still signs in: the new value really was not applied.
        var login = await FormPoster.LoginAsync(second.CreateBrowserLikeClient(), AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword);
        Assert.Equal("/admin", new Uri(new Uri("http://localhost"), login.Headers.Location!).AbsolutePath);
    }

    private static async Task<int> CountAdminsAsync(AdminPortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.GetUsersInRoleAsync(Roles.Admin)).Count;
    }

    [GeneratedRegex("generated password (\\S+)")]
    private static partial Regex GeneratedPassword();
}
