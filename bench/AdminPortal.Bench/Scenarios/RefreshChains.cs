using System.Collections.Concurrent;
using System.Text.Json;
using AdminPortal.Bench.Load;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench.Scenarios;

/// <summary>Access tokens the app minted and nobody has used yet: what a cold poll sends (IFTTT's first poll after a refresh).</summary>
public sealed class FreshTokens
{
    private readonly ConcurrentQueue<(BenchUser User, string AccessToken)> _tokens = new();

    public int Count => _tokens.Count;

    public void Add(BenchUser user, string accessToken) => _tokens.Enqueue((user, accessToken));

    public bool TryTake(out (BenchUser User, string AccessToken) token) => _tokens.TryDequeue(out token);
}

/// <summary>
/// Every user's refresh chain, as IFTTT keeps it: the current refresh token and the one it replaced. A chain is taken
/// by one request at a time (never two refreshes of one chain at once, as IFTTT refreshes a connection), and every
/// answer's access token goes to <see cref="Fresh"/>. Reusing the replaced token (IFTTT retrying a refresh whose answer
/// it lost) must be answered, inside the grace window, with the same successor (decision 0017).
/// </summary>
public sealed class RefreshChains(IReadOnlyList<BenchUser> users)
{
    private sealed class Chain(BenchUser user)
    {
        public BenchUser User { get; } = user;
        public string Current { get; set; } = user.RefreshToken;
        public string? Previous { get; set; }
        public long Refreshes { get; set; }
    }

    private readonly ConcurrentQueue<Chain> _idle = new(users.Select(u => new Chain(u)));

    public FreshTokens Fresh { get; } = new();

    /// <summary>One request on an idle chain: every <paramref name="reuseEvery"/>th (0: never) sends the replaced token again.</summary>
    public async Task<Outcome> RefreshAsync(HttpClient http, int reuseEvery, CancellationToken ct)
    {
        if (!_idle.TryDequeue(out var chain))
        {
            return new Outcome(0, 0, "every refresh chain is busy (more refreshes in flight than users)");
        }
        try
        {
            chain.Refreshes++;
            var reuse = chain.Previous is not null && reuseEvery > 0 && chain.Refreshes % reuseEvery == 0;
            using var response = await http.SendAsync(Requests.Refresh(reuse ? chain.Previous! : chain.Current), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                return new Outcome((int)response.StatusCode, 0, (reuse ? "reuse: " : "") + body);
            }
            using var json = JsonDocument.Parse(body);
            var refreshToken = json.RootElement.GetProperty("refresh_token").GetString()!;
            Fresh.Add(chain.User, json.RootElement.GetProperty("access_token").GetString()!);
            if (reuse)
            {
                // The lost answer's refresh token again, not a second successor.
                return refreshToken == chain.Current ? new Outcome(200, 1) : new Outcome(0, 0, "a reuse inside the grace minted another successor");
            }
            (chain.Previous, chain.Current) = (chain.Current, refreshToken);
            return new Outcome(200, 1);
        }
        finally
        {
            _idle.Enqueue(chain);
        }
    }

    /// <summary>Refreshes (not measured, no reuse) until at least <paramref name="count"/> fresh tokens wait; failures are logged to <paramref name="errors"/>.</summary>
    public async Task TopUpAsync(HttpClient http, int count, int clients, ErrorLog errors, CancellationToken ct)
    {
        await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, users.Count)).Select(_ => Task.Run(async () =>
        {
            while (Fresh.Count < count && errors.Count == 0 && !ct.IsCancellationRequested)
            {
                var outcome = await RefreshAsync(http, reuseEvery: 0, ct);
                if (!outcome.Ok)
                {
                    errors.Add(outcome);
                }
            }
        }, ct)));
    }
}
