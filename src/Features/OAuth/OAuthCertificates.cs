using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AdminPortal.Data;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Where the token signing and encryption keys come from: OpenIddict's development certificates in
/// Development, certificates named in configuration everywhere else. Missing or unreadable
/// configuration stops start-up with the key's name.
/// </summary>
internal sealed class OAuthCertificates
{
    public const string SigningKey = "OAuth:SigningCertificate";
    public const string EncryptionKey = "OAuth:EncryptionCertificate";

    private readonly X509Certificate2? _signing;
    private readonly X509Certificate2? _encryption;

    private OAuthCertificates(X509Certificate2? signing, X509Certificate2? encryption)
    {
        _signing = signing;
        _encryption = encryption;
    }

    public static OAuthCertificates Load(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment() && string.IsNullOrEmpty(configuration[$"{SigningKey}:Path"]))
        {
            return new OAuthCertificates(null, null);
        }
        return new OAuthCertificates(
            Read(configuration, SigningKey, environment.ContentRootPath),
            Read(configuration, EncryptionKey, environment.ContentRootPath));
    }

    public void Apply(OpenIddictServerBuilder server)
    {
        if (_signing is null || _encryption is null)
        {
            server.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
            return;
        }
        server.AddSigningCertificate(_signing).AddEncryptionCertificate(_encryption);
    }

    private static X509Certificate2 Read(IConfiguration configuration, string section, string contentRoot)
    {
        var pathKey = $"{section}:Path";
        var path = configuration[pathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new StartupConfigurationException(pathKey,
                "is required outside Development: the path of a PKCS#12 (.pfx) certificate with its private key.");
        }

        var fullPath = Path.GetFullPath(path, contentRoot);
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(fullPath, configuration[$"{section}:Password"],
                X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new StartupConfigurationException(pathKey, $"the certificate '{fullPath}' has no private key.");
            }
            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(pathKey,
                $"cannot read the certificate '{fullPath}' ({ex.Message.TrimEnd('.')}); check the file and {section}:Password.");
        }
    }
}
