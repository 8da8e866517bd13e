using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace AdminPortal.Features.Secrets;

/// <summary>
/// The stored forms of a secret, told apart by a prefix: <c>sha256:</c> + base64 of the hash, or <c>dp:</c> + a
/// Data Protection payload. A value with neither prefix is plaintext written before decision 0015 (the upgrade converts it).
/// </summary>
public sealed class SecretCodec(IDataProtectionProvider protection)
{
    private const string HashPrefix = "sha256:";
    private const string ProtectedPrefix = "dp:";

    /// <summary>
    /// One purpose per secret name, so a ciphertext copied onto another row does not decrypt there.
    /// </summary>
    private IDataProtector Protector(string name) => protection.CreateProtector("AdminPortal.Secrets.v1", name);

    public static bool IsPlaintext(string stored) =>
        !stored.StartsWith(HashPrefix, StringComparison.Ordinal) && !stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal);

    /// <summary>
    /// An unsalted SHA-256 is enough here: every hashed secret is 256 random bits, so there is no dictionary to
    /// precompute; salts and slow hashes defend guessable passwords.
    /// </summary>
    public static string Hash(string value) => HashPrefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Constant time in the presented value's content; a stored form that is not a hash never matches.</summary>
    public static bool MatchesHash(string? presented, string stored) =>
        presented is not null && stored.StartsWith(HashPrefix, StringComparison.Ordinal) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(stored));

    public string Protect(string name, string value) => ProtectedPrefix + Protector(name).Protect(value);

    /// <summary>Null when the payload is not ours or its key is gone (a new key ring, a copied database).</summary>
    public string? Unprotect(string name, string stored)
    {
        if (!stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return Protector(name).Unprotect(stored[ProtectedPrefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The stored form this secret's kind calls for.</summary>
    public string Encode(string name, string value) =>
        SecretNames.KindOf(name) == SecretKind.Encrypted ? Protect(name, value) : Hash(value);

    /// <summary>256 random bits, URL-safe, so the value can be pasted anywhere.</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
