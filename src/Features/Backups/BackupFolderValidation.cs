using AdminPortal.Data;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Backups;

/// <summary>
/// With scheduled backups on, <c>Backups:Folder</c> must be a folder this process can write: checked at start by
/// creating it and writing a probe file, so a typo or a missing mount stops start-up instead of failing at 02:30.
/// </summary>
internal sealed class BackupFolderValidation(SqliteDatabase database, IHostEnvironment environment) : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        if (!options.Enabled || database.InMemory)
        {
            return ValidateOptionsResult.Success;
        }
        var folder = BackupFolder.Resolve(options, database, environment.ContentRootPath);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"{BackupOptions.FolderKey}: cannot write to {folder} ({ex.Message}).");
        }
    }
}
