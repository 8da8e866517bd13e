using AdminPortal.Bench.Load;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench.Scenarios;

/// <summary>
/// IFTTT's traffic as a mix, open loop: cold polls (a freshly refreshed token's first call), warm polls (the realtime-caused
/// kind: a token the app validated minutes ago), refreshes (with reuse), user/info and actions, in the shares of
/// <see cref="BenchOptions.MixShares"/>. The rate starts at <see cref="BenchOptions.MixStartRate"/> and grows by
/// <see cref="BenchOptions.MixFactor"/> per step; the figure is the highest rate a step sustained with p99 under
/// 100 ms and zero errors. Fresh tokens for a step's cold polls are refreshed before it (not measured).
/// </summary>
public static class IftttMixScenario
{
    public const string Name = "ifttt-mix";
    public const double P99LimitMs = 100;

    public static readonly IReadOnlyList<string> Kinds = ["cold", "warm", "refresh", "userinfo", "action"];

    public static async Task<ScenarioResult> RunAsync(HttpClient http, BenchOptions o, IReadOnlyList<BenchUser> users, RefreshChains chains,
        Action<string> log, CancellationToken ct)
    {
        var pick = Picker(o.MixShares);
        var coldShare = o.MixShares.GetValueOrDefault("cold") / (double)o.MixShares.Values.Sum();
        long sequence = 0, coldShort = 0;
        Task<Outcome> Operation(long i, Random random)
        {
            var user = users[random.Next(users.Count)];
            switch (pick(random.NextDouble()))
            {
                case "cold" when chains.Fresh.TryTake(out var fresh):
                    return LoadRunner.SendAsync(http, Requests.Poll(fresh.User, TokenScenarios.PickDoor(fresh.User, random), fresh.AccessToken), 1, ct);
                case "cold":
                    Interlocked.Increment(ref coldShort); // counted against the step: it was not the mix asked for
                    return LoadRunner.SendAsync(http, Requests.Poll(user, TokenScenarios.PickDoor(user, random)), 1, ct);
                case "refresh":
                    return chains.RefreshAsync(http, o.ReuseEvery, ct);
                case "userinfo":
                    return LoadRunner.SendAsync(http, Requests.UserInfo(user.Token), 1, ct);
                case "action":
                    return LoadRunner.SendAsync(http, Requests.Action(user, Interlocked.Increment(ref sequence)), 1, ct);
                default:
                    return LoadRunner.SendAsync(http, Requests.Poll(user, TokenScenarios.PickDoor(user, random)), 1, ct);
            }
        }

        var stepDuration = o.MixStepDuration;
        OpenLoopStep? sustained = null, failed = null;
        var topUp = new ErrorLog();
        var rate = (double)o.MixStartRate;
        var steps = 0;
        for (; steps < o.MixSteps && failed is null; steps++, rate *= o.MixFactor)
        {
            await chains.TopUpAsync(http, (int)Math.Ceiling(rate * stepDuration.TotalSeconds * coldShare * 1.1) + 5, o.Clients, topUp, ct);
            Interlocked.Exchange(ref coldShort, 0);
            var step = await OpenLoop.RunAsync(rate, stepDuration, o.MixMaxInFlight, Operation, ct);
            var shortOfTokens = Interlocked.Read(ref coldShort);
            log($"    {Name} at {rate:N0}/s: p99 {step.Latency.P99:0.0} ms, errors {step.Errors.Count}, cold polls without a fresh token {shortOfTokens}");
            if (step.Errors.Count == 0 && step.Latency.P99 < P99LimitMs && shortOfTokens == 0 && topUp.Count == 0)
            {
                sustained = step;
            }
            else
            {
                failed = step;
            }
        }

        // The figure is the sustained step; the step that broke the limit is reported beside it (its errors are the
        // limit's, not the scenario's — unless even the first step failed, when they are all there is).
        var shown = sustained ?? failed!;
        var errors = sustained is null ? failed!.Errors.Count + topUp.Count : topUp.Count;
        var result = new ScenarioResult
        {
            Name = Name, Clients = o.MixMaxInFlight, Requests = shown.Requests, Units = shown.Requests, Seconds = shown.Seconds,
            Latency = shown.Latency, Errors = errors, ErrorSamples = [.. topUp.Samples, .. (sustained is null ? failed!.Errors.Samples : [])],
            Extra = new()
            {
                ["sustained_rate_per_s"] = Math.Round(sustained?.Rate ?? 0), ["steps"] = steps,
                ["ramp_capped"] = failed is null ? 1 : 0, // every step passed: the figure is a floor, not the limit
            },
        };
        if (failed is not null)
        {
            result.Extra["failed_rate_per_s"] = Math.Round(failed.Rate);
            result.Extra["failed_p99_ms"] = Math.Round(failed.Latency.P99, 1);
            result.Extra["failed_errors"] = failed.Errors.Count;
        }
        return result;
    }

    /// <summary>Maps a uniform number in [0, 1) to a kind, in proportion to its share.</summary>
    private static Func<double, string> Picker(IReadOnlyDictionary<string, int> shares)
    {
        var total = (double)shares.Values.Sum();
        var bounds = new List<(double Upper, string Kind)>();
        var running = 0.0;
        foreach (var kind in Kinds.Where(k => shares.GetValueOrDefault(k) > 0))
        {
            running += shares[kind] / total;
            bounds.Add((running, kind));
        }
        return x => bounds.FirstOrDefault(b => x < b.Upper).Kind ?? bounds[^1].Kind;
    }
}
