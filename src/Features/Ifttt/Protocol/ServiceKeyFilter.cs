using AdminPortal.Features.Secrets;
using AdminPortal.Features.Throttling;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// status and test/setup: the service key IFTTT issued, under either header name, compared in constant time.
/// Until an admin sets it (configuration or the Service page) every call is refused, saying so. Wrong keys are counted
/// per IP: past <c>RateLimits:ServiceKey</c> they get 429, while the right key always passes, whoever else shares the address.
/// </summary>
public sealed class ServiceKeyFilter(ISecretStore secrets, FailureThrottle throttle) : IEndpointFilter
{
    public const string NotSetUp =
        "This service has no IFTTT service key yet: an admin pastes the key shown in IFTTT's platform on the dashboard's Service page.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Request.Headers;
        string? presented = headers[IftttHeaders.ServiceKey];
        if (string.IsNullOrEmpty(presented))
        {
            presented = headers[IftttHeaders.ChannelKey];
        }
        var expected = await secrets.GetAsync(SecretNames.ServiceKey, context.HttpContext.RequestAborted);
        if (expected is null)
        {
            return IftttResults.Unauthorized(NotSetUp);
        }
        if (string.IsNullOrEmpty(presented) || !SecretsExtensions.SecretEquals(presented, expected))
        {
            if (throttle.Count(Throttled.ServiceKey, context.HttpContext) is { } wait)
            {
                return IftttResults.TooManyFailures(context.HttpContext.Response, wait, "service key");
            }
            return IftttResults.Unauthorized("The IFTTT service key is missing or wrong.");
        }
        return await next(context);
    }
}
