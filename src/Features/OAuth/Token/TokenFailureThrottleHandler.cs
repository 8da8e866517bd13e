using AdminPortal.Features.Throttling;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// Counts failed client authentications at <c>/connect/token</c> per IP address (<c>RateLimits:Token</c>); past the
/// limit such a failure is answered 429 with Retry-After, still as OAuth error JSON. Only <c>invalid_client</c> counts:
/// IFTTT itself presents stale refresh tokens now and then (<c>invalid_grant</c>), and those must never get its own
/// address limited. A request with the right client secret is never refused here, so a stranger's flood from a shared
/// address cannot stop IFTTT's refreshes (decision 0016).
/// </summary>
internal sealed class TokenFailureThrottleHandler(FailureThrottle throttle) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TokenFailureThrottleHandler>()
            // After OpenIddict chose the status code, before it writes the JSON.
            .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<ApplyTokenResponseContext>.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Response.Error != OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidClient
            || context.Transaction.GetHttpRequest() is not { } request
            || throttle.Count(Throttled.Token, request.HttpContext) is not { } wait)
        {
            return ValueTask.CompletedTask;
        }
        FailureThrottle.MarkTooMany(request.HttpContext.Response, wait);
        context.Response.ErrorDescription =
            $"Too many failed client authentications from this address; retry after {FailureThrottle.Seconds(wait)} seconds.";
        return ValueTask.CompletedTask;
    }
}
