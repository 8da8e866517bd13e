using AdminPortal.Data;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts.Rules;

/// <summary>The SQLite file with its write-ahead log against a limit (a disk filling up stops every write).</summary>
internal sealed class DatabaseSizeRule(IOptions<AlertOptions> options, SqliteDatabase database) : IAlertRule
{
    public string Name => AlertRuleNames.DatabaseSize;
    public bool Enabled => options.Value.Rules.DatabaseSize.Enabled;

    public Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var limit = options.Value.Rules.DatabaseSize.Megabytes;
        if (database.InMemory)
        {
            return Task.FromResult<IReadOnlyList<AlertCondition>>([]);
        }
        var bytes = Length(database.FilePath) + Length(database.FilePath + "-wal");
        var megabytes = bytes / 1024.0 / 1024.0;
        IReadOnlyList<AlertCondition> conditions = megabytes <= limit ? [] :
        [
            new("", $"The database is {megabytes:0.#} MB ({database.FilePath} with its log; limit {limit} MB).",
                "Check the free disk space first. Lower Ifttt:RequestLog:RetentionDays and Ifttt:Realtime:LogRetentionDays so pruning keeps less, or give the data folder more room; raise Alerts:Rules:DatabaseSize:Megabytes if the size is expected."),
        ];
        return Task.FromResult(conditions);
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
