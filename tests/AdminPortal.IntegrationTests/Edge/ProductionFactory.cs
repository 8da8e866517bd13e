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

    public ProductionFactory()
    {
        var (signing, encryption) = TestCertificates.Write(DataDirectory);
        SigningCertificatePath = signing;
        Settings["OAuth:SigningCertificate:Path"] = signing;
        Settings["OAuth:SigningCertificate:Password"] = TestCertificates.Password;
        Settings["OAuth:EncryptionCertificate:Path"] = encryption;
        Settings["OAuth:EncryptionCertificate:Password"] = TestCertificates.Password;
        Settings["OAuth:Issuer"] = PublicUrl.ToString();
        ClientOptions.BaseAddress = PublicUrl;
    }

    public string SigningCertificatePath { get; }

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
