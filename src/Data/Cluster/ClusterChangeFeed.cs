using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data.Cluster;

/// <summary>
/// Tells the other instances on the same database what this one changed, so what each keeps in memory (validated
/// tokens, maintenance, the sunset, secrets, whose access changed) follows within a bounded time (decision 0027).
/// Publishers write a <see cref="ClusterChange"/> row, inside their own transaction when they have one (<see cref="Stage(DbContext, string, string?)"/>),
/// otherwise right after their change committed (<see cref="PublishAsync"/>). Subscribers are called by
/// <see cref="ClusterChangeListener"/> for other instances' rows, and with a null detail ("anything may have changed:
/// reload") after the feed lost its connection. On SQLite (one process per file) nothing is written or delivered.
/// </summary>
public sealed class ClusterChangeFeed(IServiceProvider services, IConfiguration configuration, ILogger<ClusterChangeFeed> logger)
{
    public const string Channel = "adminportal_cluster_changes";
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<string?, CancellationToken, Task>>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>This process, so it does not apply its own rows again.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Whether other instances may share the database (PostgreSQL).</summary>
    public bool Shared { get; } = DatabaseProvider.Of(configuration) == DatabaseProvider.Postgres;

    /// <summary>
    /// Called for every other instance's change of <paramref name="topic"/>, and with null when changes may have been
    /// missed. Subscribe where the state is created (a constructor): state that was never created needs no news.
    /// </summary>
    public void Subscribe(string topic, Func<string?, CancellationToken, Task> apply) =>
        _subscribers.GetOrAdd(topic, _ => new()).Enqueue(apply);

    public void Subscribe(string topic, Action<string?> apply) => Subscribe(topic, (detail, _) =>
    {
        apply(detail);
        return Task.CompletedTask;
    });

    /// <summary>Adds the change to <paramref name="db"/>: it is saved, and committed, with the context's own changes.</summary>
    public void Stage(DbContext db, string topic, string? detail = null)
    {
        if (Shared)
        {
            db.Add(Row(topic, detail));
        }
    }

    /// <summary>For a change already committed (or made outside EF): its own row, in its own transaction.</summary>
    public async Task PublishAsync(string topic, string? detail = null, CancellationToken ct = default)
    {
        if (!Shared)
        {
            return;
        }
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        Stage(db, topic, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Beside a statement EF did not track (a bulk UPDATE/DELETE): on its connection, in its transaction if any.</summary>
    public async Task StageAsync(DbCommand beside, string topic, string? detail, CancellationToken ct)
    {
        if (Shared)
        {
            await using var insert = Insert(beside, topic, detail);
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <inheritdoc cref="StageAsync"/>
    public void Stage(DbCommand beside, string topic, string? detail)
    {
        if (Shared)
        {
            using var insert = Insert(beside, topic, detail);
            insert.ExecuteNonQuery();
        }
    }

    internal async Task ApplyAsync(string topic, string? detail, CancellationToken ct)
    {
        if (!_subscribers.TryGetValue(topic, out var subscribers))
        {
            return;
        }
        foreach (var apply in subscribers)
        {
            try
            {
                await apply(detail, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One subscriber's failure (its database read, say) must not keep the others from the news.
                logger.LogWarning(ex, "Could not apply another instance's change {Topic}", topic);
            }
        }
    }

    /// <summary>Every subscriber reloads or forgets what it holds: changes may have been missed.</summary>
    internal async Task ResyncAsync(CancellationToken ct)
    {
        foreach (var topic in _subscribers.Keys)
        {
            await ApplyAsync(topic, null, ct);
        }
    }

    private ClusterChange Row(string topic, string? detail) =>
        new() { Instance = Instance, Topic = topic, Detail = detail, At = TimeProvider.System.GetUtcNow() };

    private DbCommand Insert(DbCommand beside, string topic, string? detail)
    {
        var insert = beside.Connection!.CreateCommand();
        insert.Transaction = beside.Transaction;
        insert.CommandText = """INSERT INTO "ClusterChanges" ("Instance", "Topic", "Detail", "At") VALUES (@instance, @topic, @detail, @at)""";
        var row = Row(topic, detail);
        insert.AddParameter("instance", row.Instance);
        insert.AddParameter("topic", row.Topic);
        insert.AddParameter("detail", row.Detail);
        insert.AddParameter("at", row.At.UtcTicks);
        return insert;
    }
}
