using System.Net;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>Account linking as IFTTT and the user go through it: login, consent, code, tokens.</summary>
public sealed class AuthorizationCodeFlowTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    [Fact]
    public async Task Authorize_AnonymousThenLoginAndAllow_RedirectsToIftttWithCodeAndStateAndTokensWork()
    {
        var (userId, email) = await factory.CreateUserAsync("linker");
        var flow = new OAuthFlow(factory);
        var authorizeUrl = OAuthFlow.AuthorizeUrl("st-8f2 with spaces&odd=chars");

        // Anonymous: to the login page, which is told to come back to the full authorize URL.
        var anonymous = await flow.Browser.GetAsync(authorizeUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var login = anonymous.Headers.Location!;
        Assert.Equal("/Account/Login", login.IsAbsoluteUri ? login.AbsolutePath : login.OriginalString.Split('?')[0]);
        var returnUrl = QueryHelpers.ParseQuery(login.IsAbsoluteUri ? login.Query : login.OriginalString[login.OriginalString.IndexOf('?')..])["ReturnUrl"].ToString();
        Assert.Equal(authorizeUrl, returnUrl);

        // The real login form sends the user back to the authorize URL …
        var signedIn = await FormPoster.LoginAsync(flow.Browser, email, OAuthFactory.Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(authorizeUrl, new Uri(new Uri("http://localhost"), signedIn.Headers.Location!).PathAndQuery);

        // … where the consent page names IFTTT and what it may do.
        var consent = await flow.ConsentPageAsync(authorizeUrl);
        Assert.Contains("Connect IFTTT?", consent);
        Assert.Contains("__RequestVerificationToken", consent);
        Assert.Contains(email, consent);

        var redirect = await flow.DecideAsync(authorizeUrl, "allow");
        Assert.Equal(OAuthFactory.RedirectUri, redirect.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(redirect.Query);
        Assert.Equal("st-8f2 with spaces&odd=chars", query["state"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code"]));

        var tokens = await flow.ExchangeCodeAsync(query["code"]!);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("Bearer", tokens.Get("token_type"));
        Assert.NotNull(tokens.Get("refresh_token"));
        Assert.Equal((HttpStatusCode.OK, userId), await flow.WhoAmIAsync(tokens.AccessToken));
    }

    [Fact]
    public async Task Token_ClientSecretInBasicHeader_IssuesTokens()
    {
        var (userId, email) = await factory.CreateUserAsync("basic");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);

        var tokens = await flow.ExchangeCodeAsync(await flow.GetCodeAsync("basic-state"), basic: true);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal((HttpStatusCode.OK, userId), await flow.WhoAmIAsync(tokens.AccessToken));
    }

    [Fact]
    public async Task Authorize_Deny_RedirectsWithAccessDeniedAndState()
    {
        var (_, email) = await factory.CreateUserAsync("denier");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);

        var redirect = await flow.DecideAsync(OAuthFlow.AuthorizeUrl("deny-state"), "deny");

        Assert.Equal(OAuthFactory.RedirectUri, redirect.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(redirect.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("deny-state", query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_AllowPostedWithoutAntiforgeryToken_NoCodeConsentShownAgain()
    {
        var (_, email) = await factory.CreateUserAsync("forged");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        var forged = new Dictionary<string, string>
        {
            ["client_id"] = OAuthFactory.ClientId, ["response_type"] = "code", ["scope"] = "ifttt", ["state"] = "forged",
            ["redirect_uri"] = OAuthFactory.RedirectUri, ["decision"] = "allow",
        };

        var response = await flow.Browser.PostAsync("/connect/authorize", new FormUrlEncodedContent(forged), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Connect IFTTT?", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Authorize_RelinkAfterConsent_SkipsConsentPage()
    {
        var (_, email) = await factory.CreateUserAsync("relinker");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        await flow.LinkAsync("first");

        var again = await flow.Browser.GetAsync(OAuthFlow.AuthorizeUrl("second"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var query = QueryHelpers.ParseQuery(again.Headers.Location!.Query);
        Assert.Equal("second", query["state"].ToString());
        Assert.Equal(HttpStatusCode.OK, (await flow.ExchangeCodeAsync(query["code"]!)).Status);
    }

    [Theory]
    [InlineData("https://evil.example/callback", "ifttt")]
    [InlineData(OAuthFactory.RedirectUri + "/extra", "ifttt")]
    [InlineData(OAuthFactory.RedirectUri, "not-a-client")]
    public async Task Authorize_UnregisteredRedirectUriOrClient_ShowsErrorPageWithoutRedirect(string redirectUri, string clientId)
    {
        var (_, email) = await factory.CreateUserAsync("misdirected");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);

        var response = await flow.Browser.GetAsync(OAuthFlow.AuthorizeUrl("s", redirectUri, clientId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This connection request cannot be completed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Token_CodeUsedTwice_SecondGetsInvalidGrant()
    {
        var (_, email) = await factory.CreateUserAsync("reuser");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        var code = await flow.GetCodeAsync("reuse");

        Assert.Equal(HttpStatusCode.OK, (await flow.ExchangeCodeAsync(code)).Status);
        var second = await flow.ExchangeCodeAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("invalid_grant", second.Error);
    }

    [Fact]
    public async Task Token_WrongClientSecret_UnauthorizedInvalidClient()
    {
        var (_, email) = await factory.CreateUserAsync("wrongsecret");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        var code = await flow.GetCodeAsync("wrong");

        var post = await flow.ExchangeCodeAsync(code, secret: "not-the-secret");
        var basic = await flow.ExchangeCodeAsync(code, basic: true, secret: "not-the-secret");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (post.Status, post.Error));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (basic.Status, basic.Error));
    }

    [Fact]
    public async Task Refresh_WrongSecretAfterTheRightOneWasAccepted_StillInvalidClient()
    {
        // The right secret is verified once and then remembered (decision 0032): a wrong one must still be refused,
        // on every later request, with the right one still working beside it.
        var (_, email) = await factory.CreateUserAsync("remembered");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        var first = await flow.LinkAsync();
        var second = (await flow.RefreshAsync(first.RefreshToken)).AssertOk();

        var wrong = await flow.RefreshAsync(second.RefreshToken, secret: "not-the-secret");
        var almost = await flow.RefreshAsync(second.RefreshToken, secret: OAuthFactory.ClientSecret + "x");
        var right = await flow.RefreshAsync(second.RefreshToken);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrong.Status, wrong.Error));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (almost.Status, almost.Error));
        right.AssertOk();
    }

    [Fact]
    public async Task Token_GarbageCode_InvalidGrant()
    {
        var response = await new OAuthFlow(factory).ExchangeCodeAsync("not-a-code");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (response.Status, response.Error));
    }

    [Fact]
    public async Task Authorize_WithPkce_CodeNeedsTheVerifier()
    {
        var (_, email) = await factory.CreateUserAsync("pkce");
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var pkce = new Dictionary<string, string?> { ["code_challenge"] = challenge, ["code_challenge_method"] = "S256" };

        var withoutVerifier = await flow.ExchangeCodeAsync(await flow.GetCodeAsync("pkce-1", pkce));
        var withVerifier = await flow.ExchangeCodeAsync(await flow.GetCodeAsync("pkce-2", pkce), codeVerifier: verifier);

        Assert.Equal(HttpStatusCode.BadRequest, withoutVerifier.Status);
        Assert.Equal(HttpStatusCode.OK, withVerifier.Status);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
