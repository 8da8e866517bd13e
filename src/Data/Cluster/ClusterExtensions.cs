using AdminPortal.Shared;

namespace AdminPortal.Data.Cluster;

public static class ClusterExtensions
{
    /// <summary>
    /// The change feed every feature publishes to and subscribes on; its reader only on PostgreSQL, where several
    /// instances may share the database. Called from <c>AddDatabase</c>, after the migrating initializer and before
    /// every feature's start-up task (see <see cref="ClusterChangeListener.RunAsync"/>).
    /// </summary>
    internal static void AddClusterChangeFeed(this IHostApplicationBuilder builder, string provider)
    {
        builder.Services.AddSingleton<ClusterChangeFeed>();
        builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateKeysOnStart(ClusterOptions.Section);
        if (provider != DatabaseProvider.Postgres)
        {
            return;
        }
        builder.Services.AddSingleton<ClusterChangeListener>();
        builder.Services.AddSingleton<IStartupTask>(services => services.GetRequiredService<ClusterChangeListener>());
        builder.Services.AddHostedService(services => services.GetRequiredService<ClusterChangeListener>());
    }
}
