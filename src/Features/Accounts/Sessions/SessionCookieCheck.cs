using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Accounts.Sessions;

/// <summary>
/// The sign-in cookie's check. Identity compares the security stamp every <c>ValidationInterval</c> (set to
/// <c>Accounts:SessionRevalidationInterval</c>); a cookie issued before its user's access changed (on this instance or,
/// through the cluster change feed, another) is checked at its very next request, so a demoted or locked admin cannot reload an admin page on the old cookie.
/// </summary>
public static class SessionCookieCheck
{
    public static Func<CookieValidatePrincipalContext, Task> Wrap(Func<CookieValidatePrincipalContext, Task> identityCheck) => async context =>
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (context.Principal is { } principal && users.GetUserId(principal) is { } userId
            && services.GetRequiredService<AccountAccessChanges>().ChangedSince(userId, context.Properties.IssuedUtc)
            && !await SessionCheck.IsCurrentAsync(users, services.GetRequiredService<IOptions<IdentityOptions>>().Value, principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await identityCheck(context);
    };
}
