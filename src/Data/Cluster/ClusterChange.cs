using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Cluster;

/// <summary>
/// One row of the cluster change feed (decision 0027): "this instance changed something other instances hold in
/// memory". Written in the same transaction as the change where possible; on PostgreSQL a trigger NOTIFYs the other
/// instances when it commits, and each instance also reads the rows it has not seen every few seconds. Rows are kept
/// for <see cref="ClusterChangeFeed.Retention"/>. Never written on SQLite (one process per file).
/// </summary>
public sealed class ClusterChange
{
    public long Id { get; set; }

    /// <summary>The writing process (<see cref="ClusterChangeFeed.Instance"/>), which does not apply its own rows again.</summary>
    public required string Instance { get; set; }

    /// <summary>What changed, e.g. <c>oauth.tokens</c>; the subscribers of the topic know what <see cref="Detail"/> means.</summary>
    public required string Topic { get; set; }

    public string? Detail { get; set; }

    /// <summary>Wall-clock time of the write (the machine's clock, not the app's TimeProvider: rows are pruned by it).</summary>
    public DateTimeOffset At { get; set; }
}

internal sealed class ClusterChangeConfiguration : IEntityTypeConfiguration<ClusterChange>
{
    public const string Table = "ClusterChanges";

    public void Configure(EntityTypeBuilder<ClusterChange> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Instance).HasMaxLength(32);
        builder.Property(c => c.Topic).HasMaxLength(64);
        builder.HasIndex(c => c.At); // pruning
    }
}
