namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Two AdminPortal instances on one database (decision 0028): factories over one data directory share its PostgreSQL
/// database (<see cref="TestDatabase"/>) and, kept on disk, its Data Protection keys — what several instances behind a
/// load balancer must share. Only PostgreSQL takes several instances; the tests skip on SQLite.
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

    public sealed record Pair<T>(T A, T B) : IAsyncDisposable where T : AdminPortalFactory
    {
        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
        }
    }
}
