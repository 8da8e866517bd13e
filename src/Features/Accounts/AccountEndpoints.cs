using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts;

public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // A POST with antiforgery so a link or form on another site cannot sign people out. The handler
        // binds no form field, so minimal APIs would not check the token by themselves: require it.
        app.MapPost("/Account/Logout", LogoutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static async Task<RedirectHttpResult> LogoutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/Account/Login");
    }
}
