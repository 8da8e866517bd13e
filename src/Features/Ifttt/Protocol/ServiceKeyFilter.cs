using AdminPortal.Features.Secrets;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>status and test/setup: the shared service key, under either header name, compared in constant time.</summary>
public sealed class ServiceKeyFilter(ISecretStore secrets) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Request.Headers;
        string? presented = headers[IftttHeaders.ServiceKey];
        if (string.IsNullOrEmpty(presented))
        {
            presented = headers[IftttHeaders.ChannelKey];
        }
        var expected = await secrets.GetAsync(SecretNames.ServiceKey, context.HttpContext.RequestAborted);
        if (string.IsNullOrEmpty(presented) || !SecretsExtensions.SecretEquals(presented, expected))
        {
            return IftttResults.Unauthorized("The IFTTT service key is missing or wrong.");
        }
        return await next(context);
    }
}
