using AdminPortal.Features.Ifttt.State;
using AdminPortal.Features.Sunset;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// Every IFTTT endpoint answers 503 in IFTTT's errors format while the service is in maintenance
/// (IFTTT retries later) or after its sunset (with the sunset message). Both flags live in memory.
/// </summary>
public sealed class AvailabilityFilter(ServiceLifecycle lifecycle, ServiceStateStore state) : IEndpointFilter
{
    public const string MaintenanceMessage = "The service is down for maintenance; please retry later.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (lifecycle.SunsetMessage is { } sunset)
        {
            return IftttResults.Error(StatusCodes.Status503ServiceUnavailable, sunset);
        }
        if (state.Current is { Maintenance: true } current)
        {
            return IftttResults.Error(StatusCodes.Status503ServiceUnavailable, current.Message ?? MaintenanceMessage);
        }
        return await next(context);
    }
}
