using System.Collections.Concurrent;
using AdminPortal.Data;
using AdminPortal.Data.Cluster;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Secrets;

/// <summary>
/// Configuration first (read on every call, so a reload takes effect), then the <c>Secrets</c> row, cached in
/// process. A write tells the other instances on the same database through the cluster change feed, in its own
/// transaction, and they forget their copy of that secret (decision 0027): a rotated key is in force everywhere within
/// seconds. Nothing is generated behind the admin's back: a secret exists once configured, pasted or generated on the
/// Service page.
/// </summary>
internal sealed class SecretStore : ISecretStore
{
    public const string Topic = "secrets";

    /// <summary>A row as last read: its stored form, and for encrypted secrets the decrypted value.</summary>
    private sealed record Loaded(string? Stored, string? Value, DateTimeOffset? UpdatedAt);

    private readonly IDbContextFactory<AppDbContext> dbFactory;
    private readonly IConfiguration configuration;
    private readonly SecretCodec codec;
    private readonly TimeProvider clock;
    private readonly ClusterChangeFeed feed;
    private readonly ConcurrentDictionary<string, Loaded> _cache = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SecretStore(IDbContextFactory<AppDbContext> dbFactory, IConfiguration configuration, SecretCodec codec, TimeProvider clock,
        ClusterChangeFeed feed)
    {
        this.dbFactory = dbFactory;
        this.configuration = configuration;
        this.codec = codec;
        this.clock = clock;
        this.feed = feed;
        feed.Subscribe(Topic, ForgetAsync);
    }

    public async ValueTask<string?> GetAsync(string name, CancellationToken ct = default)
    {
        if (SecretNames.Definition(name).Kind != SecretKind.Encrypted)
        {
            throw new InvalidOperationException($"'{name}' is stored as a hash: it can be checked, not read.");
        }
        return Configured(name) ?? (await LoadAsync(name, ct)).Value;
    }

    public async ValueTask<bool> MatchesAsync(string name, string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }
        if (Configured(name) is { } configured)
        {
            return SecretsExtensions.SecretEquals(presented, configured);
        }
        var loaded = await LoadAsync(name, ct);
        return SecretNames.Definition(name).Kind == SecretKind.Encrypted
            ? loaded.Value is { } value && SecretsExtensions.SecretEquals(presented, value)
            : loaded.Stored is { } stored && SecretCodec.MatchesHash(presented, stored);
    }

    public Task SetAsync(string name, string value, CancellationToken ct = default)
    {
        if (SecretNames.Definition(name).Kind != SecretKind.Encrypted)
        {
            throw new InvalidOperationException($"'{name}' is generated here, not pasted.");
        }
        return WriteAsync(name, value, ct);
    }

    public async Task<string> GenerateAsync(string name, CancellationToken ct = default)
    {
        if (SecretNames.Definition(name).Kind != SecretKind.Hashed)
        {
            throw new InvalidOperationException($"'{name}' is issued by IFTTT: paste it, do not generate it.");
        }
        var value = SecretCodec.Generate();
        await WriteAsync(name, value, ct);
        return value;
    }

    public async ValueTask<SecretStatus> DescribeAsync(string name, CancellationToken ct = default)
    {
        var key = SecretNames.ConfigurationKey(name);
        if (Configured(name) is not null)
        {
            return new SecretStatus(SecretSource.Configuration, key, null);
        }
        var loaded = await LoadAsync(name, ct);
        if (loaded.Stored is null)
        {
            return new SecretStatus(SecretSource.None, key, null);
        }
        var unreadable = SecretNames.Definition(name).Kind == SecretKind.Encrypted && loaded.Value is null;
        return new SecretStatus(SecretSource.Database, key, loaded.UpdatedAt, unreadable);
    }

    /// <summary>An empty value in appsettings.json means "not configured".</summary>
    private string? Configured(string name) =>
        SecretNames.ConfigurationKey(name) is { } key && configuration[key] is { Length: > 0 } value ? value : null;

    private async Task WriteAsync(string name, string value, CancellationToken ct)
    {
        if (Configured(name) is not null)
        {
            throw new InvalidOperationException($"'{name}' is set in configuration ({SecretNames.ConfigurationKey(name)}): change it there.");
        }
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Set<StoredSecret>().FindAsync([name], ct);
            var stored = codec.Encode(name, value);
            var now = clock.GetUtcNow();
            if (row is null)
            {
                db.Add(new StoredSecret { Name = name, Value = stored, UpdatedAt = now });
            }
            else
            {
                row.Value = stored;
                row.UpdatedAt = now;
            }
            feed.Stage(db, Topic, name);
            await db.SaveChangesAsync(ct);
            _cache[name] = new Loaded(stored, SecretNames.KindOf(name) == SecretKind.Encrypted ? value : null, now);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Another instance wrote <paramref name="name"/> (null: anything may have changed). Under the gate, so a load that
    /// read the old row before the change committed cannot put it back after this.
    /// </summary>
    private async Task ForgetAsync(string? name, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (name is null)
            {
                _cache.Clear();
            }
            else
            {
                _cache.TryRemove(name, out _);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<Loaded> LoadAsync(string name, CancellationToken ct)
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
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Set<StoredSecret>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct);
            // A plaintext row left by an older version is never used as such: the start-up upgrade converts it first.
            var stored = row is null || SecretCodec.IsPlaintext(row.Value) ? null : row.Value;
            var value = stored is not null && SecretNames.KindOf(name) == SecretKind.Encrypted ? codec.Unprotect(name, stored) : null;
            return _cache[name] = new Loaded(stored, value, row?.UpdatedAt);
        }
        finally
        {
            _gate.Release();
        }
    }
}
