using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// The token signing and encryption certificates the bench's app runs with: RSA 2048, self-signed, as
/// docs/deploy.md makes them with openssl for a real installation. OpenIddict's development certificates (what a
/// Development host takes when none is configured) are RSA 4096 since OpenIddict 7, and each private-key operation
/// costs about 16 times as much as with 2048 bits (`openssl speed rsa2048 rsa4096` on this machine): a refresh makes
/// three (sign the access token, sign and decrypt the refresh token), so the bench would measure the development
/// keys rather than the deployment. <c>--dev-certificates</c> keeps OpenIddict's development certificates.
/// The files sit beside the bench database, so the seeding host and every app instance share one pair.
/// </summary>
internal static class BenchCertificates
{
    private const string Password = "bench-pfx-password";

    public static IEnumerable<KeyValuePair<string, string>> Settings(string databaseDirectory)
    {
        var directory = Path.Combine(databaseDirectory, "certificates");
        var signing = Ensure(Path.Combine(directory, "signing.pfx"), "CN=AdminPortal bench signing", X509KeyUsageFlags.DigitalSignature);
        var encryption = Ensure(Path.Combine(directory, "encryption.pfx"), "CN=AdminPortal bench encryption", X509KeyUsageFlags.KeyEncipherment);
        return
        [
            new("OAuth:SigningCertificate:Path", signing),
            new("OAuth:SigningCertificate:Password", Password),
            new("OAuth:EncryptionCertificate:Path", encryption),
            new("OAuth:EncryptionCertificate:Password", Password),
        ];
    }

    private static string Ensure(string path, string subject, X509KeyUsageFlags usage)
    {
        if (File.Exists(path))
        {
            return path;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
