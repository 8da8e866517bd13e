using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for IFTTT's user endpoints such as <c>/ifttt/v1/user/info</c> (built on another branch): 200
/// with the subject for a valid bearer token, 401 in IFTTT's error format otherwise. It runs after the app's own pipeline (only
/// when no real endpoint matched), so the token-health observer wrapped around /ifttt/v1 sees it like the real one.
/// </summary>
public sealed class UserInfoProbeStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Run(async context =>
        {
            if (!context.Request.Path.StartsWithSegments("/ifttt/v1"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var result = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            context.Response.ContentType = "application/json";
            if (!result.Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { errors = new[] { new { message = "Invalid token" } } }));
                return;
            }
            var id = result.Principal!.GetClaim(OpenIddictConstants.Claims.Subject);
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { data = new { id, name = id } }));
        });
    };
}
