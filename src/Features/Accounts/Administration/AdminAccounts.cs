using System.Text;
using AdminPortal.Data;
using AdminPortal.Features.Accounts.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Features.Accounts.Administration;

/// <summary>What an admin sees of an account's standing: its role, whether it is locked, whether it has a password here.</summary>
public sealed record AccountStanding(bool IsAdmin, DateTimeOffset? LockedUntil, bool HasPassword)
{
    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>
/// Admins managing other accounts: the Admin role, locking and password-reset links. Each call takes a fresh scope, so
/// a long-lived dashboard circuit never reuses a stale <c>UserManager</c> context. Answers are null on success, else the
/// sentence to show.
/// </summary>
public sealed class AdminAccounts(IServiceScopeFactory scopes, DatabaseWriteGate gate, TimeProvider clock, AccountAccessChanges changes)
{
    /// <summary>"Locked until an admin unlocks": Identity has no such state, so the end is set past any real date.</summary>
    public static readonly DateTimeOffset LockedIndefinitely = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string LastAdminRefused = "This is the only admin: grant Admin to someone else first, or nobody could manage the service.";

    public async Task<AccountStanding?> StandingAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }
        return new AccountStanding(await users.IsInRoleAsync(user, Roles.Admin), await users.GetLockoutEndDateAsync(user), await users.HasPasswordAsync(user));
    }

    public Task<string?> GrantAdminAsync(string userId) => ChangeAsync(userId, async (users, user) =>
        await users.IsInRoleAsync(user, Roles.Admin) ? null : await users.AddToRoleAsync(user, Roles.Admin));

    public Task<string?> RemoveAdminAsync(string userId) => ChangeAsync(userId, async (users, user) =>
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            return null;
        }
        // Counted inside the write gate, so two admins removing each other at once cannot both pass.
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            return IdentityResult.Failed(new IdentityError { Description = LastAdminRefused });
        }
        var removed = await users.RemoveFromRoleAsync(user, Roles.Admin);
        // A new stamp: their open admin tabs and cookies lose the role at once (see ChangeAsync), not at their next sign-in.
        return removed.Succeeded ? await users.UpdateSecurityStampAsync(user) : removed;
    }, lossOfAccess: true);

    /// <summary>
    /// Locks until an admin unlocks. The new security stamp signs the user out of their open sessions at the next cookie
    /// check (and open admin circuits at their next revalidation); OAuth's token endpoint refuses an admin-locked account's
    /// refresh (see <c>TokenEndpointHandler</c> and <see cref="AccountLocks"/>).
    /// </summary>
    public Task<string?> LockAsync(string userId) => ChangeAsync(userId, async (users, user) =>
    {
        var enabled = await users.SetLockoutEnabledAsync(user, true);
        if (!enabled.Succeeded)
        {
            return enabled;
        }
        var locked = await users.SetLockoutEndDateAsync(user, LockedIndefinitely);
        return locked.Succeeded ? await users.UpdateSecurityStampAsync(user) : locked;
    }, lossOfAccess: true);

    public Task<string?> UnlockAsync(string userId) => ChangeAsync(userId, async (users, user) =>
    {
        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        return unlocked.Succeeded ? await users.ResetAccessFailedCountAsync(user) : unlocked;
    });

    /// <summary>Whether the user is the only admin (deleting them would leave nobody to manage the service).</summary>
    public async Task<bool> IsLastAdminAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var admins = await Users(scope).GetUsersInRoleAsync(Roles.Admin);
        return admins.Count == 1 && admins[0].Id == userId;
    }

    /// <summary>The address and a reset link (Identity's token, base64url for the query string), or null when the user or their email is gone.</summary>
    public async Task<(string Email, string Link)?> ResetLinkAsync(string userId, Uri siteBase)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByIdAsync(userId) is not { Email: { } email } user)
        {
            return null;
        }
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = new Uri(siteBase, $"Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={code}");
        return (email, link.AbsoluteUri);
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    private async Task<string?> ChangeAsync(string userId, Func<UserManager<AppUser>, AppUser, Task<IdentityResult?>> change, bool lossOfAccess = false)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        using var turn = await gate.EnterAsync(CancellationToken.None);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return "The user no longer exists.";
        }
        var result = await change(users, user);
        if (lossOfAccess && result is null or { Succeeded: true })
        {
            await changes.NotifyAsync(userId);
        }
        return result is null or { Succeeded: true } ? null : string.Join(" ", result.Errors.Select(e => e.Description));
    }

    private static UserManager<AppUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
}
