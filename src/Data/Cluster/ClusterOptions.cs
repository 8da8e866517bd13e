using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Data.Cluster;

/// <summary>
/// <c>Cluster</c> section: how several instances on one PostgreSQL database learn of each other's changes
/// (decision 0027). Ignored on SQLite.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// How often each instance reads the change rows it has not seen: the bound on how long a change (a revoked token,
    /// maintenance, a locked user) can go unnoticed when its notification is lost.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// LISTEN for the changes' notifications (within milliseconds). Off where LISTEN cannot work, e.g. behind PgBouncer
    /// in transaction pooling: then changes are seen within <see cref="CheckInterval"/>.
    /// </summary>
    public bool Listen { get; set; } = true;
}
