using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AcmeHome.Storage;

public static class DataExtensions
{
    /// <summary>
    /// SQLite, either a file (<c>Storage=File</c>, path <c>StoragePath</c> relative to the content root) or memory
    /// (<c>Storage=Memory</c>): a uniquely named shared-cache database kept alive by one connection held open for the
    /// app's lifetime, while every DbContext opens its own connection (a single connection is not thread-safe).
    /// </summary>
    public static void AddAcmeData(this WebApplicationBuilder builder)
    {
        var memory = string.Equals(builder.Configuration["Storage"], "Memory", StringComparison.OrdinalIgnoreCase);
        string connectionString;
        if (memory)
        {
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = $"acmehome-{Guid.NewGuid():N}",
                Mode = SqliteOpenMode.Memory,
                Cache = SqliteCacheMode.Shared,
            }.ToString();
            var keeper = new SqliteConnection(connectionString);
            keeper.Open();
            builder.Services.AddSingleton(new MemoryDatabaseKeeper(keeper));
        }
        else
        {
            var path = Path.GetFullPath(builder.Configuration["StoragePath"] ?? "data/acmehome.db",
                builder.Environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        }

        builder.Services.AddDbContext<AcmeDbContext>(o => o.UseSqlite(connectionString).UseOpenIddict());
        builder.Services.AddHostedService<AcmeSeeder>();
    }
}

/// <summary>Holds the connection that keeps an in-memory database alive; disposed with the app.</summary>
public sealed class MemoryDatabaseKeeper(SqliteConnection connection) : IDisposable
{
    public void Dispose() => connection.Dispose();
}
