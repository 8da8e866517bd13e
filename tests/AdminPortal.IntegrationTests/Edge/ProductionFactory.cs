using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminPortal.IntegrationTests.Edge;

/// <summary>
/// The app as deployed: environment Production, signing and encryption certificates from files, a configured issuer,
/// and clients that call it at <see cref="PublicUrl"/> over https (the test server's stand-in for the TLS proxy).
/// </summary>
public class ProductionFactory : AdminPortalFactory
{
    public const string PublicHost = "portal.example.com";
    public static readonly Uri PublicUrl = new($"https://{PublicHost}/");

    public ProductionFactory() : this(NewDataDirectory())
    {
    }

    /// <summary>Over a directory another factory may share, as restarts of one install do; with a new certificate pair.</summary>
    public static new ProductionFactory OverDirectory(string dataDirectory) => new(dataDirectory);

    private ProductionFactory(string dataDirectory) : base(dataDirectory)
    {
        var (signing, encryption) = TestCertificates.Write(Path.Combine(DataDirectory, "certs-" + Guid.NewGuid().ToString("N")));
        UseCertificates("OAuth:SigningCertificate", signing);
        UseCertificates("OAuth:EncryptionCertificate", encryption);
        Settings["OAuth:Issuer"] = PublicUrl.ToString();
        ClientOptions.BaseAddress = PublicUrl;
    }

    public string SigningCertificatePath => Settings["OAuth:SigningCertificate:Path"]!;

    /// <summary>Names a PKCS#12 file (made by <see cref="TestCertificates"/>) under a certificate key such as <c>OAuth:SigningCertificate:Previous:0</c>.</summary>
    public void UseCertificates(string key, string path)
    {
        Settings[key + ":Path"] = path;
        Settings[key + ":Password"] = TestCertificates.Password;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }

    /// <summary>A browser at the public https address: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateHttpsBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = PublicUrl });
}

/// <summary><see cref="ProductionFactory"/> on real Kestrel (127.0.0.1, a free port), plain http as a TLS proxy would forward it.</summary>
public sealed class KestrelProductionFactory : ProductionFactory
{
    public KestrelProductionFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
}
