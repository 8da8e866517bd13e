using System.Net;
using System.Text;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.IntegrationTests.Edge;

/// <summary>
/// The attack: ask the OAuth server for its discovery document, or a token, under someone else's host name. With
/// <c>OAuth:Issuer</c> configured the answer names the configured issuer whatever the Host header says; with
/// <c>AllowedHosts</c> configured the request is refused outright.
/// </summary>
public sealed class ConfiguredIssuerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_UnderAStrangersHost_NamesTheConfiguredIssuerAndEndpoints()
    {
        await using var factory = new ProductionFactory(); // AllowedHosts stays "*": the issuer alone must hold
        var evil = factory.CreateClient(new() { BaseAddress = new Uri("https://evil.example/") });

        var json = await HttpAssert.JsonAsync(await evil.GetAsync("/.well-known/openid-configuration", Ct), HttpStatusCode.OK);

        Assert.Equal("https://portal.example.com/", json.GetProperty("issuer").GetString());
        Assert.Equal("https://portal.example.com/connect/authorize", json.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://portal.example.com/connect/token", json.GetProperty("token_endpoint").GetString());
        Assert.DoesNotContain("evil.example", json.ToString());
    }

    [Fact]
    public async Task AccessToken_MintedUnderAStrangersHost_CarriesTheConfiguredIssuer()
    {
        await using var factory = new ProductionFactory();
        factory.Settings["Ifttt:ServiceKey"] = IftttFactory.ServiceKey;
        var evil = factory.CreateClient(new() { BaseAddress = new Uri("https://evil.example/") });
        evil.DefaultRequestHeaders.Add("IFTTT-Service-Key", IftttFactory.ServiceKey);

        var setup = await HttpAssert.JsonAsync(await evil.PostAsync("/ifttt/v1/test/setup", null, Ct), HttpStatusCode.OK);

        var token = setup.GetProperty("data").GetProperty("accessToken").GetString()!;
        Assert.Equal("https://portal.example.com/", JwtPayload(token).GetProperty("iss").GetString());
    }

    [Fact]
    public async Task AnyRequest_UnderAHostNotAllowed_IsRefused()
    {
        await using var factory = new ProductionFactory();
        factory.Settings["AllowedHosts"] = ProductionFactory.PublicHost;

        var evil = await factory.CreateClient(new() { BaseAddress = new Uri("https://evil.example/") })
            .GetAsync("/.well-known/openid-configuration", Ct);
        var own = await factory.CreateClient().GetAsync("/.well-known/openid-configuration", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    private static JsonElement JwtPayload(string jwt) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(Base64UrlTextEncoder.Decode(jwt.Split('.')[1]))).RootElement.Clone();
}
