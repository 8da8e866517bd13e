using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdminPortal.Features.ProviderMove;

internal sealed record MovedCount(string Table, long Rows);

/// <summary>
/// The copy itself: every planned table from one SQLite read snapshot into PostgreSQL inside one transaction — binary
/// COPY per table, its row count checked against the source's, identity sequences set past the copied ids — committed
/// only when every table matched, so a failure leaves the target as it was.
/// </summary>
internal static class PostgresImport
{
    /// <summary>The planned tables that already hold rows on the target.</summary>
    public static async Task<List<string>> TablesWithRowsAsync(NpgsqlConnection target, IReadOnlyList<MovedTable> tables, CancellationToken ct)
    {
        var filled = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table.Quoted})", target);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                filled.Add(table.Name);
            }
        }
        return filled;
    }

    public static async Task<List<MovedCount>> CopyAsync(SqliteConnection source, NpgsqlConnection target, IReadOnlyList<MovedTable> tables,
        bool replace, CancellationToken ct)
    {
        // A deferred read transaction: every table is read from the same snapshot of the file.
        await using var snapshot = source.BeginTransaction(deferred: true);
        await using var transaction = await target.BeginTransactionAsync(ct);
        if (replace)
        {
            await ExecuteAsync(target, transaction, $"TRUNCATE {string.Join(", ", tables.Select(t => t.Quoted))}", ct);
        }
        var counts = new List<MovedCount>();
        foreach (var table in tables)
        {
            var expected = await CountAsync(source, snapshot, table, ct);
            await CopyTableAsync(source, snapshot, target, table, ct);
            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {table.Quoted}", target, transaction);
            var copied = (long)(await count.ExecuteScalarAsync(ct))!;
            if (copied != expected)
            {
                throw new InvalidOperationException($"{table.Name} has {expected} rows in SQLite but {copied} arrived.");
            }
            counts.Add(new MovedCount(table.Name, copied));
        }
        await ResetSequencesAsync(target, transaction, tables, ct);
        await transaction.CommitAsync(ct);
        return counts;
    }

    private static async Task CopyTableAsync(SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection target, MovedTable table,
        CancellationToken ct)
    {
        await using var read = source.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {table.ColumnList} FROM {table.Quoted}";
        await using var reader = await read.ExecuteReaderAsync(ct);
        await using var importer = await target.BeginBinaryImportAsync($"COPY {table.Quoted} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        while (await reader.ReadAsync(ct))
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                await column.WriteAsync(importer, column.ReadFrom(reader, i), ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    private static async Task<long> CountAsync(SqliteConnection source, SqliteTransaction snapshot, MovedTable table, CancellationToken ct)
    {
        await using var command = source.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = $"SELECT COUNT(*) FROM {table.Quoted}";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// COPY writes the ids it is given and leaves identity sequences where they were; without this the app's next insert
    /// would be handed id 1 again and fail on the primary key.
    /// </summary>
    private static async Task ResetSequencesAsync(NpgsqlConnection target, NpgsqlTransaction transaction, IReadOnlyList<MovedTable> tables,
        CancellationToken ct)
    {
        var sequences = new List<(string Table, string Column, string Sequence)>();
        await using (var find = new NpgsqlCommand("""
            SELECT table_name, column_name, pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name)
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            """, target, transaction))
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (!reader.IsDBNull(2))
                {
                    sequences.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
        }
        var moved = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (table, column, sequence) in sequences.Where(s => moved.Contains(s.Table)))
        {
            await using var reset = new NpgsqlCommand(
                $"SELECT setval(@sequence::regclass, COALESCE((SELECT MAX({MovedTables.Quote(column)}) FROM {MovedTables.Quote(table)}), 0) + 1, false)",
                target, transaction);
            reset.Parameters.AddWithValue("sequence", sequence);
            await reset.ExecuteScalarAsync(ct);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection target, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, target, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
