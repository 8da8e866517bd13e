using System.Net;
using System.Security.Cryptography.X509Certificates;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Edge;

/// <summary>Outside Development the OAuth server signs with the certificate named in <c>OAuth:SigningCertificate</c>.</summary>
public sealed class ConfiguredCertificatesTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task Jwks_InProduction_PublishesTheConfiguredSigningCertificate()
    {
        var ct = TestContext.Current.CancellationToken;
        using var configured = X509CertificateLoader.LoadPkcs12FromFile(factory.SigningCertificatePath, TestCertificates.Password);

        var jwks = await HttpAssert.JsonAsync(await factory.CreateClient().GetAsync("/.well-known/jwks", ct), HttpStatusCode.OK);

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(Convert.ToBase64String(configured.RawData), key.GetProperty("x5c")[0].GetString());
    }
}
