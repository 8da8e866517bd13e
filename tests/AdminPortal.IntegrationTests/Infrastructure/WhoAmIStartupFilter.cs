using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A test-only probe at /test/whoami that authenticates the bearer token with the app's real
/// OpenIddict validation and answers the subject, so token minting can be tested end to end.
/// </summary>
public sealed class WhoAmIStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // MapWhen, not Map: Map would move the path into PathBase and change the issuer OpenIddict expects.
        app.MapWhen(context => context.Request.Path == "/test/whoami", probe => probe.UseAuthentication().Run(async context =>
        {
            var result = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync((result.Failure?.Message ?? "no token") + " " + string.Join(";", result.Properties?.Items.Where(i => i.Key.StartsWith(".error")).Select(i => i.Key + "=" + i.Value) ?? []));
                return;
            }
            await context.Response.WriteAsync(result.Principal!.GetClaim(OpenIddictConstants.Claims.Subject) ?? "");
        }));
        next(app);
    };
}
