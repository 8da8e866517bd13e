using System.Net;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>
/// IFTTT's authentication tests: the authorization code flow with a test user, the token request with
/// client_secret_post, a refresh, the older refresh token still working right after, and 401 for an invalid token.
/// </summary>
internal static class AuthChecks
{
    public const string CodeFlow = "auth: the code flow reaches IFTTT's redirect URI with a code";
    public const string CodeExchange = "auth: the code is exchanged with client_secret_post";
    public const string LinkedUserInfo = "auth: user/info accepts the linked user's token";
    public const string Refresh = "auth: the refresh token is exchanged";
    public const string OlderRefresh = "auth: the older refresh token does not expire immediately";
    public const string RefreshedUserInfo = "auth: user/info accepts the refreshed token";
    public const string InvalidToken = "auth: an invalid access token gets 401 on user/info";
    public const string BadCode = "auth: a bad code answers 400 invalid_grant";

    private static readonly string[] All = [CodeFlow, CodeExchange, LinkedUserInfo, Refresh, OlderRefresh, RefreshedUserInfo, InvalidToken, BadCode];

    public static IReadOnlyList<string> Names => All;

    public static async Task RunAsync(PreflightSession s, CancellationToken ct)
    {
        if (s.Target.Auth is not { } auth)
        {
            SkipFrom(s, 0, "No client secret and test user were given: the authentication tests need the OAuth client secret (the app keeps " +
                "only its hash) and a test user's email and password.");
            return;
        }
        var cookies = new CookieContainer();
        using var browserClient = PreflightHttp.CreateClient(cookies);
        var flow = await new BrowserFlow(new PreflightHttp(browserClient, s.Target.BaseUrl), auth).CodeAsync(Guid.NewGuid().ToString("N"), ct);
        if (!s.Report.Check(CodeFlow, flow.Exchange, flow.Problem))
        {
            SkipFrom(s, 1, "The code flow did not give a code.");
            return;
        }
        var tokens = new TokenClient(s.Http, auth);
        var linked = await tokens.RequestAsync(new() { ["grant_type"] = "authorization_code", ["code"] = flow.Code!, ["redirect_uri"] = auth.RedirectUri }, ct);
        if (!s.Report.Check(CodeExchange, linked, TokenClient.Problem(linked, "The code of the flow must be exchanged for tokens.")))
        {
            SkipFrom(s, 2, "The code exchange failed.");
            return;
        }
        await UserInfoAsync(s, LinkedUserInfo, TokenClient.Get(linked, "access_token")!, ct);

        if (TokenClient.Get(linked, "refresh_token") is not { } firstRefresh)
        {
            s.Report.Skip(Refresh, "POST", TokenClient.Path, "No refresh token was issued, so access tokens must never expire.");
            s.Report.Skip(OlderRefresh, "POST", TokenClient.Path, "No refresh token was issued.");
            s.Report.Skip(RefreshedUserInfo, "GET", PreflightHttp.ApiPrefix + "user/info", "No refresh token was issued.");
        }
        else
        {
            await RefreshAsync(s, tokens, firstRefresh, ct);
        }

        var invalid = await s.Http.IftttAsync(HttpMethod.Get, "user/info", Credential.Token(TokenClient.Get(linked, "access_token") + "x"), ct: ct);
        s.Report.Check(InvalidToken, invalid, Expect.First(
            () => Expect.Status(invalid, 401, "An access token that does not verify must get 401 with an errors body: IFTTT then refreshes and retries."),
            () => Expect.ErrorsBody(invalid)));

        var bad = await tokens.RequestAsync(new() { ["grant_type"] = "authorization_code", ["code"] = "preflight-bad-code", ["redirect_uri"] = auth.RedirectUri }, ct);
        s.Report.Check(BadCode, bad, Expect.First(
            () => Expect.Status(bad, 400, "A bad code must answer 400 {\"error\":\"invalid_grant\"}."),
            () => Expect.That(TokenClient.Get(bad, "error") == "invalid_grant", "The answer's error is not invalid_grant.", "Answer {\"error\":\"invalid_grant\"} for a bad or used code.")));
    }

    private static async Task RefreshAsync(PreflightSession s, TokenClient tokens, string firstRefresh, CancellationToken ct)
    {
        var refreshed = await tokens.RequestAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = firstRefresh }, ct);
        if (!s.Report.Check(Refresh, refreshed, TokenClient.Problem(refreshed, "A refresh token must be exchanged for a new access token.")))
        {
            SkipFrom(s, Array.IndexOf(All, OlderRefresh), "The refresh failed.", through: RefreshedUserInfo);
            return;
        }
        var again = await tokens.RequestAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = firstRefresh }, ct);
        s.Report.Check(OlderRefresh, again, TokenClient.Problem(again,
            "The refresh token used a moment ago must keep working for a while (IFTTT's round trip is not atomic): keep a grace window " +
            "(AdminPortal: OAuth:RefreshTokenGrace)."));
        await UserInfoAsync(s, RefreshedUserInfo, TokenClient.Get(refreshed, "access_token")!, ct);
    }

    private static async Task UserInfoAsync(PreflightSession s, string test, string token, CancellationToken ct)
    {
        var x = await s.Http.IftttAsync(HttpMethod.Get, "user/info", Credential.Token(token), ct: ct);
        s.Report.Check(test, x, Expect.Status(x, 200, "user/info must accept an access token the token endpoint just issued."));
    }

    private static void SkipFrom(PreflightSession s, int first, string why, string? through = null)
    {
        var last = through is null ? All.Length - 1 : Array.IndexOf(All, through);
        foreach (var test in All[first..(last + 1)])
        {
            s.Report.Skip(test, test.Contains("user/info") ? "GET" : "POST", test.Contains("user/info") ? PreflightHttp.ApiPrefix + "user/info" : TokenClient.Path, why);
        }
    }
}
