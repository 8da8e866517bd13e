using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Accounts;

/// <summary>
/// The attack from issue 20: a stranger who knows (or guesses) a user's email locks the account with wrong passwords
/// at /Account/Login to break their IFTTT link, or tells registered emails from unknown ones by the answers.
/// </summary>
public sealed partial class LockoutAttackTests(OAuthFactory factory) : IClassFixture<OAuthFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StrangerLocksTheAccount_IftttRefreshAndPollsKeepWorking_OnlySignInIsRefused()
    {
        var (flow, _, email, tokens) = await LinkAsync("victim");

        var stranger = factory.CreateBrowserLikeClient();
        string answer = "";
        for (var attempt = 0; attempt < 6; attempt++)
        {
            answer = AlertOf(await FormPoster.LoginAsync(stranger, email, "Wrong-Passw0rd-" + attempt));
        }
        Assert.Contains("locked after too many failed sign-in attempts", answer);

        var refreshed = await flow.RefreshAsync(tokens.RefreshToken);
        refreshed.AssertOk();
        Assert.Equal(HttpStatusCode.OK, (await flow.WhoAmIAsync(refreshed.AccessToken, "/ifttt/v1/user/info")).Status);
        Assert.Equal(HttpStatusCode.OK, (await flow.WhoAmIAsync(tokens.AccessToken, "/ifttt/v1/user/info")).Status);
        Assert.Contains("locked after too many failed sign-in attempts",
            AlertOf(await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, OAuthFactory.Password)));
    }

    [Fact]
    public async Task AdminLock_RefreshAndCallsAreRefused_AndStrangersAreNotToldTheAccountIsLocked()
    {
        var (flow, userId, email, tokens) = await LinkAsync("admin-locked");
        Assert.Equal(HttpStatusCode.OK, (await flow.WhoAmIAsync(tokens.AccessToken, "/ifttt/v1/user/info")).Status); // now remembered
        Assert.Null(await factory.Services.GetRequiredService<AdminAccounts>().LockAsync(userId));

        var refresh = await flow.RefreshAsync(tokens.RefreshToken);
        var guess = AlertOf(await FormPoster.LoginAsync(factory.CreateBrowserLikeClient(), email, "Wrong-Passw0rd-1"));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (refresh.Status, refresh.Error));
        Assert.Equal(HttpStatusCode.Unauthorized, (await flow.WhoAmIAsync(tokens.AccessToken, "/ifttt/v1/user/info")).Status);
        Assert.Equal("Wrong email or password.", guess);
    }

    [Fact]
    public async Task UnknownAndKnownEmails_GetTheSameAnswers_AttemptAfterAttempt()
    {
        var (_, known) = await factory.CreateUserAsync("known");
        var unknown = AccountForms.NewEmail();
        var client = factory.CreateBrowserLikeClient();

        for (var attempt = 0; attempt < 7; attempt++)
        {
            var forKnown = AlertOf(await FormPoster.LoginAsync(client, known, "Wrong-Passw0rd-" + attempt));
            var forUnknown = AlertOf(await FormPoster.LoginAsync(client, unknown, "Wrong-Passw0rd-" + attempt));
            Assert.Equal(forKnown, forUnknown);
        }
    }

    [Fact]
    public async Task UnknownEmail_TakesAboutAsLongAsAWrongPassword()
    {
        var (_, known) = await factory.CreateUserAsync("timed");
        var client = factory.CreateBrowserLikeClient();
        await FormPoster.LoginAsync(client, AccountForms.NewEmail(), "Warm-Up-Passw0rd"); // first hash, JIT, pages

        // Three tries each stays under the five that lock; the median of each side is compared.
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            knownTimes.Add(await TimeAsync(() => FormPoster.LoginAsync(client, known, "Wrong-Passw0rd-" + attempt)));
            unknownTimes.Add(await TimeAsync(() => FormPoster.LoginAsync(client, AccountForms.NewEmail(), "Wrong-Passw0rd-" + attempt)));
        }

        // Before the fix an unknown email answered ~30× faster; a loaded machine blurs the rest, so only the gap is checked.
        Assert.True(Median(unknownTimes) > Median(knownTimes) / 3, $"unknown {Median(unknownTimes):F0} ms vs known {Median(knownTimes):F0} ms");
    }

    private async Task<(OAuthFlow Flow, string UserId, string Email, TokenResponse Tokens)> LinkAsync(string prefix)
    {
        var (userId, email) = await factory.CreateUserAsync(prefix);
        var flow = new OAuthFlow(factory);
        await flow.SignInAsync(email);
        return (flow, userId, email, await flow.LinkAsync());
    }

    /// <summary>The form's error line, as the person at the keyboard reads it.</summary>
    private static string AlertOf(HttpResponseMessage response)
    {
        var html = response.Content.ReadAsStringAsync(Ct).GetAwaiter().GetResult();
        var alert = AlertPattern().Match(html);
        return alert.Success ? WebUtility.HtmlDecode(alert.Groups[1].Value).Trim() : $"(no alert, {(int)response.StatusCode})";
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex("""<p class="form-error" role="alert">([^<]*)</p>""")]
    private static partial Regex AlertPattern();
}
