using Npgsql;

namespace AdminPortal.Data;

/// <summary>
/// A lock every instance on one PostgreSQL database sees (docs/decisions/0028): <c>pg_advisory_xact_lock</c> on
/// (a <see cref="Space"/>, a hash of the key) inside a transaction on a connection of its own, held until disposed.
/// A transaction lock rather than a session one because Npgsql's pool resets a returned connection only lazily, so a
/// session lock could outlive its owner on an idle pooled connection; rolling back releases it at once, and a dead
/// instance's connection closing releases it too. Two keys hashing alike only wait for each other. The connection is
/// unpooled: these locks are taken rarely (start-up, a link's refresh about once an hour), and a pooled one would keep a
/// second idle connection per instance open beside the app's own.
/// </summary>
public sealed class PostgresAdvisoryLock : IAsyncDisposable
{
    /// <summary>The first key of the two-key form: one space per use, so their hashes never meet.</summary>
    public enum Space
    {
        RefreshToken = 1,
        StartupTasks = 2,

        /// <summary>Taken with the ingest transaction itself, on its own connection (<c>PostgresTimelineSql.LockSourcesAsync</c>).</summary>
        IngestSource = 3,

        /// <summary>A user's product-token refresh (<c>ProductTokens</c>): a rotated refresh token must be spent once.</summary>
        ProductLink = 4,
    }

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresAdvisoryLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>
    /// The held lock, or null when another holder kept it past <paramref name="wait"/> (the server's <c>lock_timeout</c>;
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as it takes).
    /// </summary>
    public static async Task<PostgresAdvisoryLock?> TakeAsync(PostgresDatabase database, Space space, string key, TimeSpan wait,
        CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        NpgsqlTransaction? transaction = null;
        try
        {
            await connection.OpenAsync(ct);
            transaction = await connection.BeginTransactionAsync(ct);
            await using var command = new NpgsqlCommand(
                "SELECT set_config('lock_timeout', @timeout, true); SELECT pg_advisory_xact_lock(@space, hashtext(@key))", connection, transaction);
            command.Parameters.AddWithValue("timeout", wait == Timeout.InfiniteTimeSpan ? "0" : $"{Math.Max(1, (long)wait.TotalMilliseconds)}ms");
            command.Parameters.AddWithValue("space", (int)space);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(ct);
            return new PostgresAdvisoryLock(connection, transaction);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await ReleaseAsync(connection, transaction);
            return null;
        }
        catch
        {
            await ReleaseAsync(connection, transaction);
            throw;
        }
    }

    public ValueTask DisposeAsync() => ReleaseAsync(_connection, _transaction);

    private static async ValueTask ReleaseAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync(); // rolls back: nothing was written, the lock goes with the transaction
        }
        await connection.DisposeAsync();
    }
}
