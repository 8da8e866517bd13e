using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Edge;

/// <summary>
/// Outside Development the OAuth server signs with the certificate named in <c>OAuth:SigningCertificate</c>, and a
/// rotation as docs/deploy.md describes it — a new pair configured, the old one kept under <c>Previous</c> — keeps the
/// tokens already handed out working.
/// </summary>
public sealed class ConfiguredCertificatesTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Jwks_InProduction_PublishesTheConfiguredSigningCertificate()
    {
        using var configured = X509CertificateLoader.LoadPkcs12FromFile(factory.SigningCertificatePath, TestCertificates.Password);

        var jwks = await HttpAssert.JsonAsync(await factory.CreateClient().GetAsync("/.well-known/jwks", Ct), HttpStatusCode.OK);

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(Convert.ToBase64String(configured.RawData), key.GetProperty("x5c")[0].GetString());
    }

    [Fact]
    public async Task Rotation_NewCertificatesWithTheOldAsPrevious_OldTokensStillWorkAndNewOnesUseTheNewKey()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        string oldToken;
        string oldSigning, oldEncryption;
        await using (var before = ProductionFactory.OverDirectory(directory))
        {
            before.Settings["Ifttt:ServiceKey"] = IftttFactory.ServiceKey;
            oldSigning = before.Settings["OAuth:SigningCertificate:Path"]!;
            oldEncryption = before.Settings["OAuth:EncryptionCertificate:Path"]!;
            oldToken = await TestSetupTokenAsync(before);
        }
        var (newSigning, newEncryption) = TestCertificates.Write(Path.Combine(directory, "rotated"), years: 2);

        await using (var rotated = Restarted(directory, newSigning, newEncryption))
        {
            rotated.UseCertificates("OAuth:SigningCertificate:Previous:0", oldSigning);
            rotated.UseCertificates("OAuth:EncryptionCertificate:Previous:0", oldEncryption);

            Assert.Equal(HttpStatusCode.OK, await UserInfoStatusAsync(rotated, oldToken));
            var jwks = await HttpAssert.JsonAsync(await rotated.CreateClient().GetAsync("/.well-known/jwks", Ct), HttpStatusCode.OK);
            Assert.Equal(2, jwks.GetProperty("keys").GetArrayLength());
            using var current = X509CertificateLoader.LoadPkcs12FromFile(newSigning, TestCertificates.Password);
            var newToken = await TestSetupTokenAsync(rotated);
            Assert.Contains(current.Thumbprint, JwtHeader(newToken), StringComparison.OrdinalIgnoreCase);
        }

        // Without the old certificate its tokens are refused: the Previous entry is what kept them working.
        await using var forgotten = Restarted(directory, newSigning, newEncryption);
        Assert.Equal(HttpStatusCode.Unauthorized, await UserInfoStatusAsync(forgotten, oldToken));
    }

    private static ProductionFactory Restarted(string directory, string signing, string encryption)
    {
        var restarted = ProductionFactory.OverDirectory(directory);
        restarted.Settings["Ifttt:ServiceKey"] = IftttFactory.ServiceKey;
        restarted.UseCertificates("OAuth:SigningCertificate", signing);
        restarted.UseCertificates("OAuth:EncryptionCertificate", encryption);
        return restarted;
    }

    private static async Task<string> TestSetupTokenAsync(ProductionFactory host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("IFTTT-Service-Key", IftttFactory.ServiceKey);
        var setup = await HttpAssert.JsonAsync(await client.PostAsync("/ifttt/v1/test/setup", null, Ct), HttpStatusCode.OK);
        return setup.GetProperty("data").GetProperty("accessToken").GetString()!;
    }

    private static async Task<HttpStatusCode> UserInfoStatusAsync(ProductionFactory host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ifttt/v1/user/info");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await host.CreateClient().SendAsync(request, Ct)).StatusCode;
    }

    private static string JwtHeader(string jwt) =>
        System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Decode(jwt.Split('.')[0]));
}
