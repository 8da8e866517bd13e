using AdminPortal.Bench.Load;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench.Scenarios;

/// <summary>IFTTT's token traffic: refresh grants, and the cold poll that follows each (a token the app has never validated).</summary>
public static class TokenScenarios
{
    /// <summary>
    /// Refresh-token grants at <c>/connect/token</c>, closed loop: each request advances one user's chain (one request
    /// per chain at a time); every <see cref="BenchOptions.ReuseEvery"/>th sends the token it replaced again, inside the
    /// grace window, and must get the same successor back.
    /// </summary>
    public static Task<ScenarioResult> RefreshAsync(HttpClient http, BenchOptions o, RefreshChains chains, CancellationToken ct) =>
        LoadRunner.RunAsync("refresh", http, o.Clients, o.WarmUp, o.Duration,
            (client, _, _, token) => chains.RefreshAsync(client, o.ReuseEvery, token), ct);

    /// <summary>
    /// The poll of <see cref="ClosedLoopScenarios.PollAsync"/>, but every request with an access token a refresh minted and
    /// nobody has sent yet, so each one is validated in full (signature, token and authorization entries, user) — the
    /// app's validated-token cache is on and never hit. The tokens are refreshed beforehand (not measured, up to
    /// <see cref="BenchOptions.ColdTokens"/>, counting those the refresh scenario left); when they run out, the window
    /// ends early (refreshes are the slow part: a large budget takes minutes to mint).
    /// </summary>
    public static async Task<ScenarioResult> ColdPollAsync(HttpClient http, BenchOptions o, RefreshChains chains, CancellationToken ct)
    {
        var topUp = new ErrorLog();
        var before = chains.Fresh.Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await chains.TopUpAsync(http, o.ColdTokens, o.Clients, topUp, ct);
        var topUpSeconds = clock.Elapsed.TotalSeconds;
        var available = chains.Fresh.Count;

        // No warm-up: it would spend fresh tokens, and poll's first calls just ran this same path for every user.
        var result = await LoadRunner.RunAsync("poll-cold", http, o.Clients, TimeSpan.Zero, o.Duration, (client, _, random, token) =>
            chains.Fresh.TryTake(out var fresh)
                ? LoadRunner.SendAsync(client, Requests.Poll(fresh.User, PickDoor(fresh.User, random), fresh.AccessToken), 1, token)
                : Task.FromResult(Outcome.NoMoreWork), ct);
        result.Extra["fresh_tokens"] = available;
        result.Extra["fresh_tokens_minted_before_s"] = Math.Round(topUpSeconds, 1);
        result.Extra["fresh_tokens_from_refresh_scenario"] = before;
        result.Extra["window_ended_early"] = chains.Fresh.Count == 0 && result.Seconds < o.Duration.TotalSeconds - 0.05 ? 1 : 0;
        return result with { Errors = result.Errors + topUp.Count, ErrorSamples = [.. topUp.Samples, .. result.ErrorSamples] };
    }

    internal static BenchIdentity PickDoor(BenchUser user, Random random)
    {
        var doors = user.Identities.Where(i => i.Trigger == DemoService.DoorOpened).ToList();
        return doors[random.Next(doors.Count)];
    }
}
