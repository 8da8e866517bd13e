using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Self-signed PKCS#12 files like the ones docs/deploy.md makes with openssl, for hosts that run outside Development
/// (where OpenIddict's development certificates are not used).
/// </summary>
public static class TestCertificates
{
    public const string Password = "test-pfx-password";

    /// <summary>
    /// Writes a signing and an encryption certificate, valid for <paramref name="years"/>, into the directory; returns
    /// their paths. (OpenIddict uses the one that expires last: a rotation's new pair is made with more years.)
    /// </summary>
    public static (string SigningPath, string EncryptionPath) Write(string directory, int years = 1)
    {
        Directory.CreateDirectory(directory);
        var signing = Path.Combine(directory, "signing.pfx");
        var encryption = Path.Combine(directory, "encryption.pfx");
        File.WriteAllBytes(signing, Create("CN=AdminPortal signing", X509KeyUsageFlags.DigitalSignature, years));
        File.WriteAllBytes(encryption, Create("CN=AdminPortal encryption", X509KeyUsageFlags.KeyEncipherment, years));
        return (signing, encryption);
    }

    private static byte[] Create(string subject, X509KeyUsageFlags usage, int years)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(years));
        return certificate.Export(X509ContentType.Pkcs12, Password);
    }
}
