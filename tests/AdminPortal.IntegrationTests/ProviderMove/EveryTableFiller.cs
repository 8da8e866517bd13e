using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AdminPortal.IntegrationTests.ProviderMove;

/// <summary>
/// Gives every empty table of an SQLite install one row, driven by the EF model like the move itself: each column gets a
/// value of its property's type (through the column's own converter, so ticks, enums and booleans are stored as the app
/// stores them), foreign keys point at a principal row. A table added to the model later is filled, and so moved, too.
/// </summary>
internal static class EveryTableFiller
{
    public static async Task FillAsync(string sqliteFile, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSqlite($"Data Source={sqliteFile};Pooling=False").UseProviderMigrations();
        await using var db = new AppDbContext(options.Options);
        var tables = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.ToList();
        await using var connection = new SqliteConnection($"Data Source={sqliteFile};Pooling=False");
        await connection.OpenAsync(ct);

        var seed = 1_000_000L;
        var pending = tables.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || !pending.Contains(fk.PrincipalTable))).ToList();
            Assert.NotEmpty(ready);
            foreach (var table in ready)
            {
                if (await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table.Name}\"", ct) is 0L)
                {
                    await InsertRowAsync(connection, table, () => seed++, ct);
                }
                pending.Remove(table);
            }
        }
    }

    private static async Task InsertRowAsync(SqliteConnection connection, ITable table, Func<long> next, CancellationToken ct)
    {
        await using var insert = connection.CreateCommand();
        var columns = table.Columns.ToList();
        insert.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                             $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        for (var i = 0; i < columns.Count; i++)
        {
            insert.Parameters.AddWithValue($"@p{i}", await ValueForAsync(connection, table, columns[i], next, ct) ?? DBNull.Value);
        }
        await insert.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ValueForAsync(SqliteConnection connection, ITable table, IColumn column, Func<long> next, CancellationToken ct)
    {
        if (table.ForeignKeyConstraints.FirstOrDefault(fk => fk.Columns.Contains(column)) is { } key)
        {
            var principal = key.PrincipalColumns[key.Columns.ToList().IndexOf(column)];
            return await ScalarAsync(connection, $"SELECT \"{principal.Name}\" FROM \"{key.PrincipalTable.Name}\" LIMIT 1", ct);
        }
        var mapping = column.PropertyMappings[0].TypeMapping;
        var type = Nullable.GetUnderlyingType(column.PropertyMappings[0].Property.ClrType) ?? column.PropertyMappings[0].Property.ClrType;
        var n = next();
        object model = type switch
        {
            _ when type == typeof(string) => $"{table.Name}-{column.Name}-{n}",
            _ when type == typeof(bool) => true,
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.UtcNow.AddSeconds(-n % 1000),
            _ when type == typeof(DateTime) => DateTime.UtcNow.AddSeconds(-n % 1000),
            _ when type == typeof(Guid) => Guid.NewGuid(),
            _ when type == typeof(byte[]) => new byte[] { 1, 2, 3 },
            _ when type == typeof(double) => n + 0.5,
            _ when type == typeof(decimal) => n + 0.5m,
            _ when type.IsEnum => Enum.GetValues(type).GetValue(0)!,
            _ => Convert.ChangeType(n % 30_000, type, System.Globalization.CultureInfo.InvariantCulture),
        };
        return mapping.Converter is { } converter ? converter.ConvertToProvider(model) : model;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
