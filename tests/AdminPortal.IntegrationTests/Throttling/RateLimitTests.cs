using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AdminPortal.Features.Throttling;
using AdminPortal.IntegrationTests.Accounts;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;

namespace AdminPortal.IntegrationTests.Throttling;

/// <summary>
/// Floods of wrong credentials, each from an attacker's address, answered 429 with Retry-After in the protocol's own
/// shape once <see cref="RateLimitFactory.Limit"/> failures are spent — while the right credential keeps working,
/// from IFTTT's address and even from the attacker's (decision 0016).
/// </summary>
public sealed class RateLimitTests(RateLimitFactory factory) : IClassFixture<RateLimitFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WrongClientSecrets_Become429OAuthJson_WhileIftttsRefreshWorks()
    {
        var (flow, _, tokens) = await OAuthFlow.LinkNewUserAsync(factory, "secret-flood");
        var attacker = ClientAddressStartupFilter.From(factory.CreateClient(), "203.0.113.10");

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 3 * RateLimitFactory.Limit; attempt++)
        {
            answers.Add(await attacker.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken,
                ["client_id"] = OAuthFactory.ClientId, ["client_secret"] = "wrong-secret-" + attempt,
            }), Ct));
        }

        Assert.All(answers.Take(RateLimitFactory.Limit), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        var limited = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        using var body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync(Ct));
        Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
        Assert.Contains("Too many failed client authentications", body.RootElement.GetProperty("error_description").GetString());

        var refreshed = (await flow.RefreshAsync(tokens.RefreshToken)).AssertOk();
        Assert.Equal(HttpStatusCode.OK, (await flow.WhoAmIAsync(refreshed.AccessToken, "/ifttt/v1/user/info")).Status);
    }

    [Fact]
    public async Task RightClientSecret_FromTheFloodingAddress_IsStillServed()
    {
        var (_, _, tokens) = await OAuthFlow.LinkNewUserAsync(factory, "same-address");
        var shared = ClientAddressStartupFilter.From(factory.CreateClient(), "203.0.113.11");
        for (var attempt = 0; attempt <= RateLimitFactory.Limit; attempt++)
        {
            await shared.PostAsync("/connect/token", RefreshForm(tokens.RefreshToken, "wrong"), Ct);
        }

        var right = await shared.PostAsync("/connect/token", RefreshForm(tokens.RefreshToken, OAuthFactory.ClientSecret), Ct);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task WrongServiceKeys_Become429IftttErrors_WhileTheRightKeyAndPollsKeep200()
    {
        var (flow, _, tokens) = await OAuthFlow.LinkNewUserAsync(factory, "key-flood");
        var attacker = ClientAddressStartupFilter.From(factory.CreateClient(), "203.0.113.12");
        attacker.DefaultRequestHeaders.Add("IFTTT-Service-Key", "not-the-key");

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 2 * RateLimitFactory.Limit; attempt++)
        {
            answers.Add(await attacker.GetAsync("/ifttt/v1/status", Ct));
        }

        Assert.All(answers.Take(RateLimitFactory.Limit), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        await AssertIftttTooManyAsync(answers[^1], "service key");

        var ifttt = ClientAddressStartupFilter.From(factory.CreateClient(), "203.0.113.12");
        ifttt.DefaultRequestHeaders.Add("IFTTT-Service-Key", RateLimitFactory.ServiceKey);
        Assert.Equal(HttpStatusCode.OK, (await ifttt.GetAsync("/ifttt/v1/status", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await flow.WhoAmIAsync(tokens.AccessToken, "/ifttt/v1/user/info")).Status);
    }

    [Fact]
    public async Task WrongIngestKeys_Become429ErrorsBody_WhileTheRightKeyIsServed()
    {
        var attacker = ClientAddressStartupFilter.From(factory.CreateClient(), "203.0.113.13");
        attacker.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 2 * RateLimitFactory.Limit; attempt++)
        {
            answers.Add(await attacker.PostAsync("/api/v1/events", IftttFactory.Json("[]"), Ct));
        }

        Assert.All(answers.Take(RateLimitFactory.Limit), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        await AssertIftttTooManyAsync(answers[^1], "ingest API key");

        var product = ClientAddressStartupFilter.From(factory.CreateClient(), "203.0.113.13");
        product.DefaultRequestHeaders.Add("X-Api-Key", RateLimitFactory.IngestKey);
        var stored = await product.PostAsync("/api/v1/events", IftttFactory.Json("[]"), Ct);
        Assert.NotEqual(HttpStatusCode.Unauthorized, stored.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, stored.StatusCode);
    }

    [Fact]
    public async Task PasswordSpraying_FromOneAddress_Gets429FormMessage_OtherAddressesSignIn()
    {
        var (_, email) = await factory.CreateUserAsync("spray-target");
        var sprayer = factory.ClientFrom("203.0.113.14");
        for (var attempt = 0; attempt < RateLimitFactory.Limit; attempt++)
        {
            var wrong = await FormPoster.LoginAsync(sprayer, AccountForms.NewEmail(), "Guess-Passw0rd-" + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var limited = await FormPoster.LoginAsync(sprayer, email, OAuthFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Contains("Too many failed sign-in attempts from your network", await limited.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await FormPoster.LoginAsync(factory.ClientFrom("198.51.100.14"), email, OAuthFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task Registrations_FromOneAddress_AreLimited()
    {
        var script = factory.ClientFrom("203.0.113.15");
        for (var attempt = 0; attempt < RateLimitFactory.Limit; attempt++)
        {
            var sent = await AccountForms.RegisterAsync(factory.ClientFrom("203.0.113.15"), AccountForms.NewEmail());
            Assert.Contains("We sent a message to", await sent.Content.ReadAsStringAsync(Ct));
        }

        var limited = await AccountForms.RegisterAsync(script, AccountForms.NewEmail());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Too many registration attempts from your network", await limited.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public void Defaults_LimitEveryCredentialCheck()
    {
        var defaults = new RateLimitOptions();

        Assert.All([defaults.SignIn, defaults.Registration, defaults.Token, defaults.ServiceKey, defaults.IngestKey], limit =>
        {
            Assert.InRange(limit.PermitLimit, 1, 100);
            Assert.True(limit.Window >= TimeSpan.FromMinutes(1));
        });
    }

    private static FormUrlEncodedContent RefreshForm(string refreshToken, string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = OAuthFactory.ClientId, ["client_secret"] = secret,
    });

    private static async Task AssertIftttTooManyAsync(HttpResponseMessage response, string what)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains($"wrong {what}", body.RootElement.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
