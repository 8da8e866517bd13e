namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Two app instances over one data directory, hence one database (on PostgreSQL, <see cref="TestDatabase"/>): as two
/// AdminPortal processes behind a load balancer, sharing the Data Protection keys as they must (README, "Several
/// instances"). A is started first, so OpenIddict's development certificates exist before B looks for them.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(IftttFactory a, IftttFactory b)
    {
        A = a;
        B = b;
    }

    public IftttFactory A { get; }
    public IftttFactory B { get; }

    /// <param name="settings">Applied to both, then <paramref name="settingsOfB"/> to B alone.</param>
    public static TwoInstances Start(IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyDictionary<string, string?>? settingsOfB = null)
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        var a = IftttFactory.OverDirectory(directory);
        var b = IftttFactory.OverDirectory(directory);
        foreach (var (factory, extra) in new[] { (a, settings), (b, settings), (b, settingsOfB) })
        {
            factory.KeepDataProtectionKeys = true;
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                factory.Settings[key] = value;
            }
        }
        _ = a.Server;
        _ = b.Server;
        return new TwoInstances(a, b);
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}
