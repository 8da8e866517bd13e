using System.Data.Common;
using System.Reflection;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AdminPortal.Features.ProviderMove;

/// <summary>One column as the move reads it from SQLite and writes it to PostgreSQL.</summary>
internal sealed class MovedColumn(string name, string storeType, Func<DbDataReader, int, object> read, Func<object, object> convert,
    Func<NpgsqlBinaryImporter, object, string, CancellationToken, Task> write)
{
    public string Name { get; } = name;
    public string Quoted => MovedTables.Quote(Name);

    /// <summary>The value of <paramref name="ordinal"/> in the source row, in the target column's provider type (null for NULL).</summary>
    public object? ReadFrom(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : convert(read(reader, ordinal));

    public Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : write(importer, value, storeType, ct);
}

internal sealed record MovedTable(string Name, IReadOnlyList<MovedColumn> Columns)
{
    public string Quoted => MovedTables.Quote(Name);
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Quoted));
}

/// <summary>
/// What moves, read from the EF model rather than written per table: every table of <see cref="AppDbContext"/>'s relational
/// model on PostgreSQL, principal tables before their dependents, each column converted from SQLite's stored form to
/// PostgreSQL's through both providers' own type mappings (the model value in between). A table added to the model later
/// moves without a change here; the migrations history is each provider's own and stays out.
/// </summary>
internal static class MovedTables
{
    public static IReadOnlyList<MovedTable> Plan(AppDbContext source, AppDbContext target)
    {
        var sourceTables = RelationalModel(source).Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var targetTables = RelationalModel(target).Tables.ToList();
        return [.. DependencyOrder(targetTables).Select(table =>
        {
            if (!sourceTables.TryGetValue(table.Name, out var sourceTable))
            {
                throw new InvalidOperationException($"the SQLite model has no table {table.Name}.");
            }
            return new MovedTable(table.Name, [.. table.Columns.Select(column => Column(sourceTable, column))]);
        })];
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static IRelationalModel RelationalModel(AppDbContext db) => db.GetService<IDesignTimeModel>().Model.GetRelationalModel();

    /// <summary>Principals first, so every foreign key finds its row inside the one transaction.</summary>
    private static IEnumerable<ITable> DependencyOrder(IReadOnlyList<ITable> tables)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<ITable>();
        var remaining = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || placed.Contains(fk.PrincipalTable.Name))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"the foreign keys of {string.Join(", ", remaining.Select(t => t.Name))} form a cycle.");
            }
            foreach (var table in ready)
            {
                if (table.ForeignKeyConstraints.Any(fk => fk.PrincipalTable == table))
                {
                    // Rows would have to be inserted parent first; no table has such a key today, so none is ordered.
                    throw new InvalidOperationException($"{table.Name} references itself, which the move does not order.");
                }
                placed.Add(table.Name);
                ordered.Add(table);
                remaining.Remove(table);
            }
        }
        return ordered;
    }

    private static MovedColumn Column(ITable sourceTable, IColumn target)
    {
        var source = sourceTable.FindColumn(target.Name)
            ?? throw new InvalidOperationException($"the SQLite model has no column {sourceTable.Name}.{target.Name}.");
        var sourceMapping = source.PropertyMappings[0].TypeMapping;
        var targetMapping = target.PropertyMappings[0].TypeMapping;
        var sourceConverter = sourceMapping.Converter;
        var targetConverter = targetMapping.Converter;
        var utc = target.StoreType.StartsWith("timestamp with time zone", StringComparison.Ordinal);
        return new MovedColumn(target.Name, target.StoreType,
            Generic<Func<DbDataReader, int, object>>(nameof(ReadAs), ProviderType(sourceMapping)),
            raw =>
            {
                var model = sourceConverter is null ? raw : sourceConverter.ConvertFromProvider(raw)!;
                var stored = targetConverter is null ? model : targetConverter.ConvertToProvider(model)!;
                // SQLite keeps DateTime as text without a zone (it reads back Unspecified); the app only ever writes UTC
                // there (OpenIddict's dates), and Npgsql takes only UTC for timestamptz.
                return utc && stored is DateTime { Kind: not DateTimeKind.Utc } time ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : stored;
            },
            Generic<Func<NpgsqlBinaryImporter, object, string, CancellationToken, Task>>(nameof(WriteAs), ProviderType(targetMapping)));
    }

    private static Type ProviderType(RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static T Generic<T>(string method, Type type) where T : Delegate =>
        typeof(MovedTables).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).CreateDelegate<T>();

    private static object ReadAs<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;

    private static Task WriteAs<T>(NpgsqlBinaryImporter importer, object value, string storeType, CancellationToken ct) =>
        importer.WriteAsync((T)value, storeType, ct);
}
