using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts;

public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // A POST (with antiforgery) so a link on another site cannot sign people out.
        app.MapPost("/Account/Logout", LogoutAsync);
        return app;
    }

    private static async Task<IResult> LogoutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/Account/Login");
    }
}
