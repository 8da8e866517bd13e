using System.Security.Cryptography;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Accounts;

/// <summary>
/// Creates the Admin role and, when no admin exists yet, the first admin from the <c>Admin</c> section.
/// With no password configured it generates one and logs it once: the operator's only way in. Once an admin exists
/// the section is not read again (a warning says so when <c>Admin:Password</c> is still set).
/// </summary>
internal sealed class AdminBootstrapper(IOptions<AdminBootstrapOptions> options, TimeProvider clock, ILogger<AdminBootstrapper> logger)
    : IStartupTask
{
    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            EnsureSucceeded(await roles.CreateAsync(new IdentityRole(Roles.Admin)), "create the Admin role");
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            if (!string.IsNullOrEmpty(options.Value.Password))
            {
                // Said out loud because operators expect a changed value to take effect; it never does after the first start.
                logger.LogWarning("Admin:Password is set but ignored: it is used only to create the first admin, and an admin exists. "
                    + "Change passwords at /Account/ChangePassword, or send a reset link from the dashboard's user page.");
            }
            return;
        }

        var email = options.Value.Email;
        var password = options.Value.Password;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = GeneratePassword();
        }

        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(admin, password!);
            if (!created.Succeeded)
            {
                throw new StartupConfigurationException("Admin:Password",
                    "the bootstrap admin could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        EnsureSucceeded(await users.AddToRoleAsync(admin, Roles.Admin), "give the bootstrap admin the Admin role");

        if (generated)
        {
            // Deliberately the only place a password is ever logged: there is no other way to learn it.
            logger.LogWarning(
                "Created the first admin {Email} with the generated password {Password} — sign in at /Account/Login and change it now (Account > Change password).",
                email, password);
        }
        else
        {
            logger.LogInformation("Created the first admin {Email} from the Admin section of configuration.", email);
        }
    }

    private static string GeneratePassword()
    {
        // 24 characters from a 62-symbol alphabet ≈ 143 bits; the suffix satisfies any digit/upper/lower rule.
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return RandomNumberGenerator.GetString(alphabet, 24) + "-Aa1";
    }

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
