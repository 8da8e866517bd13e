namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Two AdminPortal instances on one database (decisions 0027, 0028): factories over one data directory share its
/// PostgreSQL database (<see cref="TestDatabase"/>) and, kept on disk, its Data Protection keys — what several instances
/// behind a load balancer must share (README, "Several instances"). Only PostgreSQL takes several instances; the tests
/// skip on SQLite.
/// </summary>
public static class TwoInstances
{
    public const string OnlyOnPostgres =
        "Several instances share one database only on PostgreSQL; on SQLite one process owns the file (decision 0028).";

    /// <summary>Two factories made by <paramref name="create"/> over one new data directory; disposing the pair stops both.</summary>
    public static Pair<T> Over<T>(Func<string, T> create) where T : AdminPortalFactory
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        var (a, b) = (create(directory), create(directory));
        a.KeepDataProtectionKeys = b.KeepDataProtectionKeys = true;
        return new Pair<T>(a, b);
    }

    /// <summary>
    /// Two IFTTT-facing apps, started: A first, so OpenIddict's development certificates exist before B looks for them.
    /// </summary>
    /// <param name="settings">Applied to both, then <paramref name="settingsOfB"/> to B alone.</param>
    public static Pair<IftttFactory> Start(IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyDictionary<string, string?>? settingsOfB = null)
    {
        var pair = Over(IftttFactory.OverDirectory);
        foreach (var (factory, extra) in new[] { (pair.A, settings), (pair.B, settings), (pair.B, settingsOfB) })
        {
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                factory.Settings[key] = value;
            }
        }
        _ = pair.A.Server;
        _ = pair.B.Server;
        return pair;
    }

    public sealed record Pair<T>(T A, T B) : IAsyncDisposable where T : AdminPortalFactory
    {
        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }
}
