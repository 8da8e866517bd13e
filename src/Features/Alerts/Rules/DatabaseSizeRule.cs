using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts.Rules;

/// <summary>
/// The database against a limit (a disk filling up stops every write): the SQLite file with its write-ahead log, or
/// on PostgreSQL <c>pg_database_size</c> (no <see cref="SqliteDatabase"/> is registered there).
/// </summary>
internal sealed class DatabaseSizeRule(IOptions<AlertOptions> options, SqliteDatabase? database = null) : IAlertRule
{
    public string Name => AlertRuleNames.DatabaseSize;
    public bool Enabled => options.Value.Rules.DatabaseSize.Enabled && database is not { InMemory: true };

    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var limit = options.Value.Rules.DatabaseSize.Megabytes;
        var (bytes, what) = database is null
            ? (await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct), "the PostgreSQL database")
            : (Length(database.FilePath) + Length(database.FilePath + "-wal"), $"{database.FilePath} with its log");
        var megabytes = bytes / 1024.0 / 1024.0;
        return megabytes <= limit ? [] :
        [
            new("", $"The database is {megabytes:0.#} MB ({what}; limit {limit} MB).",
                "Check the free disk space first. Lower Ifttt:RequestLog:RetentionDays and Ifttt:Realtime:LogRetentionDays so pruning keeps less, or give the data folder more room; raise Alerts:Rules:DatabaseSize:Megabytes if the size is expected."),
        ];
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
