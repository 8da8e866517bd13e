using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AdminPortal.Data;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Where the token signing and encryption keys come from: OpenIddict's development certificates in
/// Development, certificates named in configuration everywhere else. Missing or unreadable
/// configuration stops start-up with the key's name.
/// <para>
/// Rotation: <c>…:Previous:N:Path</c> / <c>:Password</c> keep retired certificates registered, so what they signed or
/// encrypted — above all the refresh tokens IFTTT holds, which never expire on a timer — still validates and
/// decrypts. OpenIddict signs and encrypts with the certificate that expires last, so a new one takes over at once
/// (docs/deploy.md, decision 0019).
/// </para>
/// </summary>
internal sealed class OAuthCertificates
{
    public const string SigningKey = "OAuth:SigningCertificate";
    public const string EncryptionKey = "OAuth:EncryptionCertificate";

    private readonly X509Certificate2[] _signing;
    private readonly X509Certificate2[] _encryption;

    private OAuthCertificates(X509Certificate2[] signing, X509Certificate2[] encryption)
    {
        _signing = signing;
        _encryption = encryption;
    }

    public static OAuthCertificates Load(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment() && string.IsNullOrEmpty(configuration[$"{SigningKey}:Path"]))
        {
            return new OAuthCertificates([], []);
        }
        return new OAuthCertificates(
            ReadWithPrevious(configuration, SigningKey, environment.ContentRootPath),
            ReadWithPrevious(configuration, EncryptionKey, environment.ContentRootPath));
    }

    public void Apply(OpenIddictServerBuilder server)
    {
        if (_signing.Length == 0 || _encryption.Length == 0)
        {
            server.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
            return;
        }
        foreach (var certificate in _signing)
        {
            server.AddSigningCertificate(certificate);
        }
        foreach (var certificate in _encryption)
        {
            server.AddEncryptionCertificate(certificate);
        }
    }

    /// <summary>The current certificate, then every retired one under <c>Previous</c>.</summary>
    private static X509Certificate2[] ReadWithPrevious(IConfiguration configuration, string section, string contentRoot) =>
        [Read(configuration, section, contentRoot),
            .. configuration.GetSection($"{section}:Previous").GetChildren()
                .Select(previous => Read(configuration, previous.Path, contentRoot))];

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
