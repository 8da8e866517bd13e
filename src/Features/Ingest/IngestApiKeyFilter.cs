using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Secrets;
using AdminPortal.Features.Throttling;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Ingest;

/// <summary>
/// The ingest API key, in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. Accepts any configured key
/// (<c>Ingest:ApiKeys</c>) and the one generated on the Service page (stored as a hash, shown once).
/// Every candidate is compared, in constant time, whatever matched first. Wrong keys are counted per IP: past
/// <c>RateLimits:IngestKey</c> they get 429; a right key always passes.
/// </summary>
public sealed class IngestApiKeyFilter(ISecretStore secrets, IOptionsMonitor<IngestOptions> options, FailureThrottle throttle) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        string? presented = request.Headers[Header];
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(presented) && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        var valid = await secrets.MatchesAsync(SecretNames.IngestApiKey, presented, context.HttpContext.RequestAborted);
        foreach (var key in options.CurrentValue.ApiKeys.Where(k => !string.IsNullOrEmpty(k)))
        {
            valid |= SecretsExtensions.SecretEquals(presented, key);
        }
        if (string.IsNullOrEmpty(presented) || !valid)
        {
            if (throttle.Count(Throttled.IngestKey, context.HttpContext) is { } wait)
            {
                return IftttResults.TooManyFailures(context.HttpContext.Response, wait, "ingest API key");
            }
            return IftttResults.Unauthorized("A valid ingest API key is required (X-Api-Key or Authorization: Bearer).");
        }
        return await next(context);
    }
}
