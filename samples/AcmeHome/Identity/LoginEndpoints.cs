using System.Net;
using System.Security.Claims;
using AcmeHome.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AcmeHome.Identity;

/// <summary>The product's own login form: plain server-rendered HTML, no static assets.</summary>
public static class LoginEndpoints
{
    public static void MapLogin(this WebApplication app)
    {
        app.MapGet("/login", ShowAsync);
        app.MapPost("/login", SubmitAsync);
        app.MapPost("/logout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(AcmeScopes.LoginScheme);
            return Results.Redirect("/login");
        });
    }

    private static IResult ShowAsync(HttpContext ctx, IAntiforgery antiforgery, string? returnUrl) =>
        Page(ctx, antiforgery, SafeReturnUrl(returnUrl), email: "", error: null);

    private static async Task<IResult> SubmitAsync(
        HttpContext ctx, IAntiforgery antiforgery, AcmeDbContext db, CancellationToken ct)
    {
        var form = await ctx.Request.ReadFormAsync(ct);
        var returnUrl = SafeReturnUrl(form["ReturnUrl"]);
        if (!await antiforgery.IsRequestValidAsync(ctx))
        {
            return Page(ctx, antiforgery, returnUrl, "", "Your session expired. Please sign in again.", 400);
        }

        var email = form["Email"].ToString().Trim();
        var password = form["Password"].ToString();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email.ToLowerInvariant(), ct);
        if (user is null || new PasswordHasher<User>().VerifyHashedPassword(user, user.PasswordHash, password)
                == PasswordVerificationResult.Failed)
        {
            return Page(ctx, antiforgery, returnUrl, email, "Email or password is incorrect.", 200);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Name)],
            AcmeScopes.LoginScheme);
        await ctx.SignInAsync(AcmeScopes.LoginScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    /// <summary>Only local paths: never an open redirect to another site.</summary>
    private static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    private static IResult Page(
        HttpContext ctx, IAntiforgery antiforgery, string returnUrl, string email, string? error, int status = 200)
    {
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        var e = (string? s) => WebUtility.HtmlEncode(s ?? "");
        var message = error is null ? "" : $"""<p class="error" role="alert">{e(error)}</p>""";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in to Acme Home</title>
            <style>body{"{"}font-family:sans-serif;max-width:24rem;margin:4rem auto{"}"}.error{"{"}color:#b00{"}"}
            label,input,button{"{"}display:block;width:100%;margin:.4rem 0{"}"}</style></head>
            <body>
            <h1>Acme Home</h1>
            <p>Sign in with your Acme Home account.</p>
            {message}
            <form method="post" action="/login">
            <input type="hidden" name="{e(tokens.FormFieldName)}" value="{e(tokens.RequestToken)}">
            <input type="hidden" name="ReturnUrl" value="{e(returnUrl)}">
            <label for="Email">Email</label><input id="Email" name="Email" type="email" value="{e(email)}" autocomplete="username" required>
            <label for="Password">Password</label><input id="Password" name="Password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
