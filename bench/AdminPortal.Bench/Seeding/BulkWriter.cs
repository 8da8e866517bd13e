namespace AdminPortal.Bench.Seeding;

/// <summary>
/// Bulk inserts for seeding, in large transactions (a bench database is disposable: nothing waits for the disk).
/// The schema comes from the app's migrations; nothing here creates tables. Rows are added per table; a
/// transaction's rows are visible once <see cref="Commit"/> returns.
/// </summary>
internal abstract class BulkWriter : IDisposable
{
    /// <summary>A table and the columns each <see cref="BulkTable.Add"/> gives values for, in that order.</summary>
    public abstract BulkTable Insert(string table, params string[] columns);

    public abstract void Begin();

    public abstract void Commit();

    public abstract void Dispose();

    /// <summary>Column names quoted as the migrations made them (PascalCase on both providers).</summary>
    protected static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));
}

/// <summary>One table's insert: values in column order; booleans may be given as 0/1 (both providers read them so).</summary>
internal abstract class BulkTable
{
    public abstract void Add(params object?[] values);
}
