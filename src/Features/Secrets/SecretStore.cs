using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Secrets;

/// <summary>
/// Database-backed secrets with an in-process cache (one app process per database, so the cache
/// cannot go stale behind our back). Precedence: a configured value that changed since it was last
/// adopted replaces the stored one (so editing appsettings works on the next start); otherwise the
/// stored value stands (so a rotation survives restarts); with neither, a random value is generated.
/// </summary>
internal sealed class SecretStore(IDbContextFactory<AppDbContext> dbFactory, IConfiguration configuration, TimeProvider clock)
    : ISecretStore
{
    private readonly ConcurrentDictionary<string, string> _cache = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<string> GetAsync(string name, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_cache.TryGetValue(name, out cached))
            {
                return cached;
            }
            var value = await LoadOrCreateAsync(name, ct);
            _cache[name] = value;
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> RotateAsync(string name, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Set<StoredSecret>().FindAsync([name], ct);
            var value = Generate();
            if (row is null)
            {
                db.Add(new StoredSecret { Name = name, Value = value, UpdatedAt = clock.GetUtcNow() });
            }
            else
            {
                row.Value = value;
                row.UpdatedAt = clock.GetUtcNow();
                // Keep the fingerprint: the configured value is unchanged, so it must not win it back.
            }
            await db.SaveChangesAsync(ct);
            _cache[name] = value;
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> LoadOrCreateAsync(string name, CancellationToken ct)
    {
        var configKey = SecretNames.ConfigurationKey(name);
        // An empty value in appsettings.json means "not configured".
        var configured = configKey is null ? null : configuration[configKey] is { Length: > 0 } value ? value : null;
        var fingerprint = configured is null ? null : Fingerprint(configured);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<StoredSecret>().FindAsync([name], ct);
        if (row is null)
        {
            row = new StoredSecret { Name = name, Value = configured ?? Generate(), ConfigurationFingerprint = fingerprint, UpdatedAt = clock.GetUtcNow() };
            db.Add(row);
            await db.SaveChangesAsync(ct);
        }
        else if (fingerprint is not null && fingerprint != row.ConfigurationFingerprint)
        {
            row.Value = configured!;
            row.ConfigurationFingerprint = fingerprint;
            row.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return row.Value;
    }

    /// <summary>256 random bits, URL-safe, so the value can be pasted anywhere.</summary>
    private static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Fingerprint(string value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
