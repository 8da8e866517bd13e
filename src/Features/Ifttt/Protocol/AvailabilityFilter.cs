using AdminPortal.Features.Availability;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// Every IFTTT endpoint answers 503 in IFTTT's errors format while the service is in maintenance
/// (IFTTT retries later) or after its sunset (with the sunset message); see <see cref="ServiceAvailability"/>.
/// </summary>
public sealed class AvailabilityFilter(ServiceAvailability availability) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        availability.UnavailableMessage is { } message
            ? IftttResults.Error(StatusCodes.Status503ServiceUnavailable, message)
            : await next(context);
}
