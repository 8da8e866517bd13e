using AdminPortal.Features.Sunset;

namespace AdminPortal.Features.Availability;

/// <summary>
/// Whether the service answers at all: after its sunset never again (with the sunset message), while in maintenance
/// not for now (IFTTT retries later). The one place both states are read together — by the IFTTT filter, the
/// authorize endpoint and the dashboard's overview. Both are in memory, so reading costs nothing on the poll path.
/// </summary>
public sealed class ServiceAvailability(ServiceLifecycle lifecycle, ServiceStateStore maintenance)
{
    public const string MaintenanceMessage = "The service is down for maintenance; please retry later.";

    /// <summary>Set once the service has been sunset: no request will succeed again.</summary>
    public string? SunsetMessage => lifecycle.SunsetMessage;

    public bool IsSunset => lifecycle.IsSunset;

    public bool InMaintenance => maintenance.Current.Maintenance;

    /// <summary>What an unavailable service answers (sunset first: it is permanent), or null while it is available.</summary>
    public string? UnavailableMessage => lifecycle.SunsetMessage
        ?? (maintenance.Current is { Maintenance: true } current ? current.Message ?? MaintenanceMessage : null);
}
