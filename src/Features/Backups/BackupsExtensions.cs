using AdminPortal.Data;
using AdminPortal.Shared;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Backups;

public static class BackupsExtensions
{
    /// <summary>
    /// Online copies of the SQLite files to <c>Backups:Folder</c>, keeping <c>Backups:Keep</c>. The recurring job is
    /// registered with the others in Jobs (<see cref="BackupJob.RecurringId"/>); restore is <c>dotnet run -- restore &lt;file&gt;</c>.
    /// </summary>
    public static IHostApplicationBuilder AddBackups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateKeysOnStart(BackupOptions.Section);
        builder.Services.AddSingleton<BackupFolder>();
        builder.Services.AddSingleton<DatabaseBackups>();
        builder.Services.AddSingleton<BackupSchedule>();
        builder.Services.AddScoped<BackupJob>();
        if (DatabaseProvider.Of(builder.Configuration) == DatabaseProvider.Postgres)
        {
            // No SQLite file to copy: no schedule (the page says pg_dump is the tool; "Back up now" answers the same).
            builder.Services.PostConfigure<BackupOptions>(options => options.Enabled = false);
            return builder;
        }
        builder.Services.AddSingleton<IValidateOptions<BackupOptions>, BackupFolderValidation>();
        builder.Services.AddHostedService<DatabaseInUseLock>();
        return builder;
    }
}
