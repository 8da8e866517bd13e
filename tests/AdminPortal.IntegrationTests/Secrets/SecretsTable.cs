using AdminPortal.Data;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Secrets;

/// <summary>The <c>Secrets</c> table read straight from the database, as someone holding a copy of it would.</summary>
internal static class SecretsTable
{
    public sealed record Row(string Name, string Value, string? Fingerprint);

    public static async Task<List<Row>> ReadAsync(string dataDirectory)
    {
        await using var connection = TestDatabase.Connect(dataDirectory);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Name", "Value", "ConfigurationFingerprint" FROM "Secrets" ORDER BY "Name" """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return rows;
    }

    /// <summary>Writes a row the way versions before decision 0015 did: the secret itself in <c>Value</c>.</summary>
    public static async Task WritePlaintextAsync(string dataDirectory, string name, string value)
    {
        await using var connection = TestDatabase.Connect(dataDirectory);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "Secrets" ("Name", "Value", "ConfigurationFingerprint", "UpdatedAt") VALUES (@name, @value, NULL, @ticks)
            ON CONFLICT ("Name") DO UPDATE SET "Value" = excluded."Value", "ConfigurationFingerprint" = NULL, "UpdatedAt" = excluded."UpdatedAt"
            """;
        command.AddParameter("@name", name);
        command.AddParameter("@value", value);
        command.AddParameter("@ticks", DateTime.UtcNow.Ticks);
        await command.ExecuteNonQueryAsync();
    }
}
