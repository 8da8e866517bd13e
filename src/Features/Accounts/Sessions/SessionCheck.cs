using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts.Sessions;

/// <summary>
/// Whether a signed-in principal still stands: the account exists, its security stamp is the one signed in with (sign-out,
/// demotion, an admin's lock and password changes renew it), an admin's lock is not on it, and a principal that claims
/// the Admin role still has it. A lockout after failed sign-ins does not end sessions: a stranger could cause one.
/// </summary>
public static class SessionCheck
{
    public static async Task<bool> IsCurrentAsync(UserManager<AppUser> users, IdentityOptions identity, ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true;
        }
        if (await users.GetUserAsync(principal) is not { } user || AccountLocks.IsLockedByAdmin(user))
        {
            return false;
        }
        var signedInWith = principal.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType);
        if (users.SupportsUserSecurityStamp && signedInWith != await users.GetSecurityStampAsync(user))
        {
            return false;
        }
        return !principal.IsInRole(Roles.Admin) || await users.IsInRoleAsync(user, Roles.Admin);
    }
}
