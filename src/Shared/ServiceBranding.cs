namespace AdminPortal.Shared;

/// <summary>
/// The name people see in page titles and headers. It is the service declaration's own name
/// (<c>Service:Name</c>), so the admin shell and the IFTTT listing never disagree.
/// </summary>
public static class ServiceBranding
{
    public const string NameKey = "Service:Name";
    public const string DefaultName = "AdminPortal";

    public static string Name(IConfiguration configuration) =>
        configuration[NameKey] is { Length: > 0 } name ? name : DefaultName;
}
