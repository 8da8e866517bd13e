using AdminPortal.Data;
using AdminPortal.Features.Accounts.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts;

public static class AccountEndpoints
{
    /// <summary>Lets the tab that signed out finish its own redirect before its circuit is told (see <see cref="AccountAccessChanges.NotifyAsync"/>).</summary>
    public static readonly TimeSpan SignOutCircuitDelay = TimeSpan.FromSeconds(3);

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // A POST with antiforgery so a link or form on another site cannot sign people out.
        app.MapPost("/Account/Logout", LogoutAsync);
        return app;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest>> LogoutAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn, DatabaseWriteGate gate, AccountAccessChanges changes)
    {
        // Checked here because the handler binds no form field: minimal APIs only enforce the token
        // (set up by UseAntiforgery) when they read the form themselves.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }
        var user = await signIn.UserManager.GetUserAsync(context.User);
        await signIn.SignOutAsync();
        if (user is not null)
        {
            // A new stamp ends the user's other sessions too: copies of the cookie and open admin tabs (decision 0016).
            using (await gate.EnterAsync(context.RequestAborted))
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }
            await changes.NotifyAsync(user.Id, SignOutCircuitDelay);
        }
        return TypedResults.LocalRedirect("/Account/Login");
    }
}
