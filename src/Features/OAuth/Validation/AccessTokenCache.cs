using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AdminPortal.Features.OAuth.Validation;

/// <summary>An access token OpenIddict validated (signature, expiry, token entry, authorization entry), as remembered.</summary>
public sealed record ValidatedAccessToken(string Subject, string? TokenId, string? AuthorizationId, DateTimeOffset? ExpiresAt, DateTimeOffset CachedUntil);

/// <summary>
/// A short-lived in-process memory of validated access tokens, so IFTTT's repeated calls with the same token skip
/// the signature check and the two database lookups (docs/decisions/0007). Keyed by a SHA-256 of the token, never
/// the token itself. Any write to a token or authorization row made through the app's database context (revoke,
/// disconnect, sunset, redeem, prune) forgets the affected entries at once (<see cref="AccessTokenCacheInvalidation"/>),
/// and a validation that raced such a write is not remembered (<see cref="Generation"/>). Expiry is always honoured.
/// Other instances on the same database forget the same entries through the cluster change feed within seconds
/// (decision 0027); a change made to the database by hand is picked up within <see cref="Lifetime"/>.
/// </summary>
public sealed class AccessTokenCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, ValidatedAccessToken> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Bumped by every invalidation: read it before validating, hand it to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _entries.Count;

    public static string KeyOf(string accessToken) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));

    public ValidatedAccessToken? Find(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }
        if (clock.GetUtcNow() < entry.CachedUntil)
        {
            return entry;
        }
        _entries.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    /// <summary>Remembers a validation that started at <paramref name="generation"/>, unless an invalidation has happened since.</summary>
    public void Remember(string key, long generation, string subject, string? tokenId, string? authorizationId, DateTimeOffset? expiresAt)
    {
        var until = clock.GetUtcNow() + Lifetime;
        if (expiresAt is { } expires && expires < until)
        {
            until = expires;
        }
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear(); // crude bound; IFTTT's traffic refills what it needs
        }
        var entry = new ValidatedAccessToken(subject, tokenId, authorizationId, expiresAt, until);
        _entries[key] = entry;
        // Invalidations bump the generation before they scan: either that scan sees this entry, or this check sees the bump.
        if (Generation != generation)
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    public void ForgetTokens(IReadOnlyCollection<string> tokenIds) => Forget(e => e.TokenId is { } id && tokenIds.Contains(id));

    public void ForgetAuthorizations(IReadOnlyCollection<string> authorizationIds) =>
        Forget(e => e.AuthorizationId is { } id && authorizationIds.Contains(id));

    /// <summary>Every token of one user: their access changed (an admin's lock, deletion; see <c>AccountAccessChanges</c>).</summary>
    public void ForgetSubject(string subject) => Forget(e => e.Subject == subject);

    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private void Forget(Func<ValidatedAccessToken, bool> match)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
        {
            if (match(entry))
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }
}
