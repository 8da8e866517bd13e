using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>
/// Issue 20 item 11: PKCE <c>plain</c> was accepted, which sends the verifier itself through the browser. Only S256 is
/// offered now; a <c>plain</c> (or method-less, which RFC 7636 reads as plain) request is refused.
/// </summary>
public sealed class PkceMethodTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// OpenIddict checks the PKCE parameters before it has matched redirect_uri to the client, so it does not send the
    /// error back there: the person in the browser gets the "cannot be completed" page naming the OAuth error.
    /// </summary>
    [Theory]
    [InlineData("plain", "is not supported")]
    [InlineData(null, "parameter is missing")]
    public async Task Authorize_PlainChallenge_IsRefusedAsInvalidRequestAndNoCodeIsIssued(string? method, string reason)
    {
        var (_, email) = await factory.CreateUserAsync("plain");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        var pkce = new Dictionary<string, string?> { ["code_challenge"] = new string('v', 43) };
        if (method is not null)
        {
            pkce["code_challenge_method"] = method;
        }

        var response = await flow.Browser.GetAsync(OAuthFlow.AuthorizeUrl("plain-state", extra: pkce), Ct);

        await AssertRefusedAsync(response, reason);
    }

    [Fact]
    public async Task Authorize_PlainChallengeAnonymous_IsRefusedBeforeTheLoginPage()
    {
        var response = await new OAuthFlow(factory).Browser.GetAsync(OAuthFlow.AuthorizeUrl("anon-state",
            extra: new Dictionary<string, string?> { ["code_challenge"] = new string('v', 43), ["code_challenge_method"] = "plain" }), Ct);

        await AssertRefusedAsync(response, "is not supported");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("This connection request cannot be completed", html);
        Assert.Contains("code_challenge_method", WebUtility.HtmlDecode(html));
        Assert.Contains(reason, html);
        Assert.Contains("<code>invalid_request</code>", html);
    }

    [Fact]
    public async Task Discovery_OffersOnlyS256()
    {
        var json = await HttpAssert.JsonAsync(await factory.CreateClient().GetAsync("/.well-known/openid-configuration", Ct), HttpStatusCode.OK);

        Assert.Equal(["S256"], json.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }
}
