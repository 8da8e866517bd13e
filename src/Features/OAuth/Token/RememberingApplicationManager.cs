using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// OpenIddict's application manager, remembering which client secrets it already verified. IFTTT sends its client
/// secret with every refresh, and OpenIddict checks it against the stored PBKDF2 hash each time: about 4 ms of CPU, as
/// much as the rest of the refresh's cryptography together (decision 0032). A secret once verified against a stored
/// hash is remembered as the SHA-256 of the secret beside that hash, so the next refresh compares a digest instead.
/// Only successes are remembered: a wrong secret always pays the full derivation (and the failure throttle); a rotated
/// secret has a new stored hash, so the old one is no longer found. The hash at rest still protects the database.
/// </summary>
internal sealed class RememberingApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    VerifiedClientSecrets verified)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store) where TApplication : class
{
    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (verified.Contains(secret, comparand))
        {
            return true;
        }
        var valid = await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        if (valid)
        {
            verified.Add(secret, comparand);
        }
        return valid;
    }
}

/// <summary>The client secrets verified so far, per stored hash (a singleton: the managers are per request).</summary>
public sealed class VerifiedClientSecrets
{
    /// <summary>Installations have one or a few clients; past this the memory starts over rather than grow.</summary>
    private const int Capacity = 64;

    private readonly ConcurrentDictionary<string, byte[]> _digestByStoredHash = new(StringComparer.Ordinal);

    public bool Contains(string secret, string storedHash) =>
        _digestByStoredHash.TryGetValue(storedHash, out var digest) && CryptographicOperations.FixedTimeEquals(digest, Digest(secret));

    public void Add(string secret, string storedHash)
    {
        if (_digestByStoredHash.Count >= Capacity)
        {
            _digestByStoredHash.Clear();
        }
        _digestByStoredHash[storedHash] = Digest(secret);
    }

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
