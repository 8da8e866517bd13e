using System.Globalization;
using System.Text;
using Npgsql;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// PostgreSQL: a transaction's rows are gathered per table and sent with <c>COPY … FROM STDIN</c> (text format, so
/// the server parses each value as its column's type: 0/1 become booleans, ints bigints) at <see cref="Commit"/>,
/// tables in the order they were declared — parents before the rows that reference them (events before match keys).
/// One row per round trip would make the full-scale seed take many minutes over TCP.
/// </summary>
internal sealed class PostgresBulkWriter : BulkWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly List<Table> _tables = [];

    public PostgresBulkWriter(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
    }

    public override BulkTable Insert(string table, params string[] columns)
    {
        var created = new Table($"COPY \"{table}\" ({ColumnList(columns)}) FROM STDIN");
        _tables.Add(created);
        return created;
    }

    public override void Begin()
    {
    }

    public override void Commit()
    {
        if (_tables.All(t => t.Rows.Length == 0))
        {
            return;
        }
        using var transaction = _connection.BeginTransaction();
        foreach (var table in _tables.Where(t => t.Rows.Length > 0))
        {
            using (var writer = _connection.BeginTextImport(table.Copy))
            {
                writer.Write(table.Rows.ToString());
            }
            table.Rows.Clear();
        }
        transaction.Commit();
    }

    public override void Dispose()
    {
        Commit();
        _connection.Dispose();
    }

    private sealed class Table(string copy) : BulkTable
    {
        public string Copy { get; } = copy;
        public StringBuilder Rows { get; } = new();

        public override void Add(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    Rows.Append('\t');
                }
                Append(values[i]);
            }
            Rows.Append('\n');
        }

        /// <summary>COPY's text format: <c>\N</c> is NULL; backslash, tab, newline and carriage return are escaped.</summary>
        private void Append(object? value)
        {
            switch (value)
            {
                case null:
                    Rows.Append("\\N");
                    break;
                case string text:
                    foreach (var c in text)
                    {
                        _ = c switch
                        {
                            '\\' => Rows.Append("\\\\"),
                            '\t' => Rows.Append("\\t"),
                            '\n' => Rows.Append("\\n"),
                            '\r' => Rows.Append("\\r"),
                            _ => Rows.Append(c),
                        };
                    }
                    break;
                case bool flag:
                    Rows.Append(flag ? 't' : 'f');
                    break;
                case IFormattable number:
                    Rows.Append(number.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"The bench's COPY writer has no text form for {value.GetType().Name}.");
            }
        }
    }
}
