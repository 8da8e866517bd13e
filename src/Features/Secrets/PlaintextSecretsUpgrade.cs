using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Secrets;

/// <summary>
/// Converts rows written in plaintext by versions before decision 0015: the service key is encrypted, the client
/// secret and the ingest key are hashed, so every key keeps working and the database file alone no longer yields
/// one. At start-up rather than in a migration, because a migration runs without the app's Data Protection keys
/// (and SQLite has no SHA-256); it runs before any request is served and is a no-op once every row is converted.
/// </summary>
internal sealed class PlaintextSecretsUpgrade(IDbContextFactory<AppDbContext> dbFactory, SecretCodec codec, ILogger<PlaintextSecretsUpgrade> logger)
    : IStartupTask
{
    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<StoredSecret>().ToListAsync(ct);
        var plaintext = rows.Where(r => SecretCodec.IsPlaintext(r.Value)).ToList();
        foreach (var row in plaintext)
        {
            row.Value = codec.Encode(row.Name, row.Value);
        }
        foreach (var row in rows.Where(r => r.ConfigurationFingerprint is not null))
        {
            // Older versions copied a configured value into the row; configuration now simply wins, so its hash goes too.
            row.ConfigurationFingerprint = null;
        }
        await db.SaveChangesAsync(ct);
        if (plaintext.Count > 0)
        {
            logger.LogInformation("Protected {Count} secrets stored in plaintext by an earlier version: {Names}",
                plaintext.Count, string.Join(", ", plaintext.Select(r => r.Name)));
        }
    }
}
