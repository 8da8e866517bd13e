using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts;

public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // A POST with antiforgery so a link or form on another site cannot sign people out.
        app.MapPost("/Account/Logout", LogoutAsync);
        return app;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest>> LogoutAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn)
    {
        // Checked here because the handler binds no form field: minimal APIs only enforce the token
        // (set up by UseAntiforgery) when they read the form themselves.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/Account/Login");
    }
}
