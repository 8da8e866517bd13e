using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Data.Cluster;

/// <summary>
/// On PostgreSQL, each instance's reader of the change feed (decision 0027): one dedicated connection that LISTENs for
/// the rows' notifications and, whether one arrived or not, reads the rows it has not seen every
/// <see cref="ClusterOptions.CheckInterval"/> — the safety net that bounds staleness when a notification is lost. When
/// the connection fails, every subscriber forgets or reloads what it holds (at once, and again once reconnected), since
/// changes may have gone by meanwhile.
/// </summary>
internal sealed class ClusterChangeListener(ClusterChangeFeed feed, PostgresDatabase database, IOptions<ClusterOptions> options,
    ILogger<ClusterChangeListener> logger) : BackgroundService, IStartupTask
{
    /// <summary>
    /// Ids are taken at insert and committed in any order, so a row below the highest seen can still appear; once a
    /// row has been seen this long, the ids below it that never appeared are taken as rolled back.
    /// </summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(30);

    public const string ApplicationName = "AdminPortal cluster change feed";

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private long _floor;
    private readonly Dictionary<long, long> _seenAt = []; // id above the floor → Stopwatch timestamp first read
    private long _prunedAt;

    /// <summary>
    /// Registered before every feature's start-up task: what they load from the database is at least as new as the
    /// feed's starting point, so replaying the rows after it misses nothing.
    /// </summary>
    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var connection = Connection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""SELECT COALESCE(MAX("Id"), 0) FROM "ClusterChanges" """, connection);
        _floor = (long)(await command.ExecuteScalarAsync(ct))!;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lost = false;
        var retry = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = Connection();
                await connection.OpenAsync(stoppingToken);
                if (options.Value.Listen)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {ClusterChangeFeed.Channel}", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (lost)
                {
                    logger.LogInformation("The cluster change feed is connected again; reloading what this instance holds in memory");
                    await feed.ResyncAsync(stoppingToken);
                    lost = false;
                }
                retry = TimeSpan.FromMilliseconds(200);
                while (true)
                {
                    await CatchUpAsync(connection, stoppingToken);
                    await PruneWhenDueAsync(connection, stoppingToken);
                    if (options.Value.Listen)
                    {
                        await connection.WaitAsync(options.Value.CheckInterval, stoppingToken);
                    }
                    else
                    {
                        await Task.Delay(options.Value.CheckInterval, stoppingToken);
                    }
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopping: whatever the connection threw, it was not lost
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The cluster change feed lost its database connection; forgetting what this instance holds in memory");
                if (!lost)
                {
                    lost = true;
                    await feed.ResyncAsync(stoppingToken); // at once: a cached token must not outlive the connection that would revoke it
                }
                await Task.Delay(retry, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, options.Value.CheckInterval.Ticks));
            }
        }
    }

    private async Task CatchUpAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT "Id", "Instance", "Topic", "Detail" FROM "ClusterChanges"
            WHERE "Id" > @floor AND NOT ("Id" = ANY(@seen)) ORDER BY "Id"
            """, connection);
        command.Parameters.AddWithValue("floor", _floor);
        command.Parameters.AddWithValue("seen", _seenAt.Keys.ToArray());
        var rows = new List<(string Instance, string Topic, string? Detail)>();
        var now = Stopwatch.GetTimestamp();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _seenAt[reader.GetInt64(0)] = now;
                rows.Add((reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }
        foreach (var (instance, topic, detail) in rows.Where(r => r.Instance != feed.Instance))
        {
            await feed.ApplyAsync(topic, detail, ct);
        }
        var settled = _seenAt.Where(s => Stopwatch.GetElapsedTime(s.Value) > SettleTime).Select(s => s.Key).DefaultIfEmpty(_floor).Max();
        if (settled > _floor)
        {
            _floor = settled;
            foreach (var id in _seenAt.Keys.Where(id => id <= settled).ToList())
            {
                _seenAt.Remove(id);
            }
        }
    }

    // Every instance prunes; the statement is idempotent and cheap on the "At" index.
    private async Task PruneWhenDueAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (_prunedAt != 0 && Stopwatch.GetElapsedTime(_prunedAt) < PruneEvery)
        {
            return;
        }
        _prunedAt = Stopwatch.GetTimestamp();
        await using var command = new NpgsqlCommand("""DELETE FROM "ClusterChanges" WHERE "At" < @cutoff""", connection);
        command.Parameters.AddWithValue("cutoff", (TimeProvider.System.GetUtcNow() - ClusterChangeFeed.Retention).UtcTicks);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Its own, unpooled connection: LISTEN belongs to one session, and a failed one must really be replaced.</summary>
    private NpgsqlConnection Connection() => new(new NpgsqlConnectionStringBuilder(database.ConnectionString)
    {
        Pooling = false,
        ApplicationName = ApplicationName, // so a DBA (and the tests) can tell it in pg_stat_activity
        CommandTimeout = 10, // a query on a dead connection fails within seconds instead of TCP's minutes
        KeepAlive = 10,
    }.ConnectionString);
}
