using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AdminPortal.Data;

/// <summary>
/// Rows for a set-based statement as one JSON parameter: <c>[[a, b, …], …]</c> (or a flat <c>[a, …]</c> from
/// <see cref="Values(IEnumerable{long})"/>). Batch writers send a whole batch in one statement this way — the provider's SQL unpacks it
/// (SQLite: <c>json_each</c>) — because per-row statements made the holder of SQLite's single write lock spend its
/// time in the driver rather than in the database. The one place that builds such a parameter.
/// </summary>
public sealed class JsonRows
{
    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Utf8JsonWriter _writer;
    private bool _closed;

    public JsonRows(int initialBytes = 16 * 1024)
    {
        _buffer = new ArrayBufferWriter<byte>(initialBytes);
        _writer = new Utf8JsonWriter(_buffer);
        _writer.WriteStartArray();
    }

    /// <summary>How many rows (or values) were written.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one row: write its columns, in the order the statement reads them, into the writer.</summary>
    public void Row(Action<Utf8JsonWriter> write)
    {
        _writer.WriteStartArray();
        write(_writer);
        _writer.WriteEndArray();
        Count++;
    }

    /// <summary>The parameter's text; the rows are complete after this call.</summary>
    public string ToJson()
    {
        if (!_closed)
        {
            _writer.WriteEndArray();
            _writer.Flush();
            _closed = true;
        }
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>A flat array of numbers (e.g. a set of keys for <c>IN (SELECT value FROM json_each(…))</c>).</summary>
    public static string Values(IEnumerable<long> values)
    {
        var rows = new JsonRows(256);
        foreach (var value in values)
        {
            rows._writer.WriteNumberValue(value);
            rows.Count++;
        }
        return rows.ToJson();
    }

    /// <summary>A flat array of strings.</summary>
    public static string Values(IEnumerable<string> values)
    {
        var rows = new JsonRows(256);
        foreach (var value in values)
        {
            rows._writer.WriteStringValue(value);
            rows.Count++;
        }
        return rows.ToJson();
    }
}
