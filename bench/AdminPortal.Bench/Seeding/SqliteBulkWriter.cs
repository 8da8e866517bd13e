using Microsoft.Data.Sqlite;

namespace AdminPortal.Bench.Seeding;

/// <summary>SQLite: a raw connection, prepared statements reused for every row, no fsync.</summary>
internal sealed class SqliteBulkWriter : BulkWriter
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private readonly List<SqliteCommand> _commands = [];

    public SqliteBulkWriter(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout=30000;");
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>An INSERT with one positional parameter per column, prepared once.</summary>
    public override BulkTable Insert(string table, params string[] columns)
    {
        var command = _connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({ColumnList(columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"${i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        }
        command.Transaction = _transaction;
        command.Prepare();
        _commands.Add(command);
        return new Table(command);
    }

    private sealed class Table(SqliteCommand command) : BulkTable
    {
        public override void Add(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }
    }

    public override void Begin()
    {
        _transaction = _connection.BeginTransaction();
        foreach (var command in _commands)
        {
            command.Transaction = _transaction;
        }
    }

    public override void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    public override void Dispose()
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
