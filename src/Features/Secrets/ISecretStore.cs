namespace AdminPortal.Features.Secrets;

/// <summary>
/// The shared secrets between this app, IFTTT and the company's product. A configured value always wins and is
/// read-only here; otherwise the database holds it — never in plaintext (decision 0015): a key we only compare
/// is stored as a hash, a key we must send or show is encrypted with Data Protection.
/// </summary>
public interface ISecretStore
{
    /// <summary>
    /// The value of a secret kept encrypted (the service key: checked on IFTTT's calls, sent on Realtime calls,
    /// shown to admins). Configuration first, then the database; null while none is set (or it cannot be decrypted).
    /// </summary>
    ValueTask<string?> GetAsync(string name, CancellationToken ct = default);

    /// <summary>Whether <paramref name="presented"/> is the secret, in constant time; false while none is set.</summary>
    ValueTask<bool> MatchesAsync(string name, string? presented, CancellationToken ct = default);

    /// <summary>Stores a value someone else issued (the service key from IFTTT's platform), encrypted; effective at once.</summary>
    Task SetAsync(string name, string value, CancellationToken ct = default);

    /// <summary>A new random value, stored as a hash and returned this once; the old value stops working at once.</summary>
    Task<string> GenerateAsync(string name, CancellationToken ct = default);

    /// <summary>Where the secret comes from, for the Service page.</summary>
    ValueTask<SecretStatus> DescribeAsync(string name, CancellationToken ct = default);
}

public enum SecretSource
{
    /// <summary>Neither configured nor stored.</summary>
    None,
    Configuration,
    Database,
}

/// <param name="Unreadable">Stored, but the Data Protection keys that encrypted it are gone: it must be set again.</param>
public sealed record SecretStatus(SecretSource Source, string? ConfigurationKey, DateTimeOffset? UpdatedAt, bool Unreadable = false);
