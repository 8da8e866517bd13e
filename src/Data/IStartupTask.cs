namespace AdminPortal.Data;

/// <summary>
/// Work a feature needs done once the database is migrated and before requests are served
/// (roles, the bootstrap admin, the IFTTT OAuth client). Run in registration order.
/// </summary>
public interface IStartupTask
{
    Task RunAsync(IServiceProvider services, CancellationToken ct);
}
