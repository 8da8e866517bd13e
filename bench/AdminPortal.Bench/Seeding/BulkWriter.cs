using Microsoft.Data.Sqlite;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// A raw connection for bulk inserts: prepared statements reused for every row, large transactions, no fsync
/// (a bench database is disposable). The schema comes from the app's migrations; nothing here creates tables.
/// </summary>
internal sealed class BulkWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private readonly List<SqliteCommand> _commands = [];

    public BulkWriter(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout=30000;");
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Count(string table)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>An INSERT with one positional parameter per column, prepared once.</summary>
    public SqliteCommand Insert(string table, params string[] columns)
    {
        var command = _connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => $"${i}"))})";
        foreach (var (_, i) in columns.Select((c, i) => (c, i)))
        {
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        }
        command.Transaction = _transaction;
        command.Prepare();
        _commands.Add(command);
        return command;
    }

    public static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    public void Begin()
    {
        _transaction = _connection.BeginTransaction();
        foreach (var command in _commands)
        {
            command.Transaction = _transaction;
        }
    }

    public void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    public void Dispose()
    {
        Commit();
        foreach (var command in _commands)
        {
            command.Dispose();
        }
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        _connection.Dispose();
    }
}
