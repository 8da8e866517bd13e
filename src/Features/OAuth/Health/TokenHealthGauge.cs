using System.Diagnostics.Metrics;
using AdminPortal.Features.Telemetry;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>Users per token-health state (every state, zeros included, so a backend sees a state empty out).</summary>
internal sealed class TokenHealthGauge(IServiceScopeFactory scopes) : IStateGauge
{
    private static readonly TokenHealthState[] States = Enum.GetValues<TokenHealthState>();

    public string Name => "adminportal.token_health.users";
    public string? Unit => "{user}";
    public string Description => "Linked users per token-health state: healthy, failing, likely_disabled, disconnected, product_link_broken.";

    public async Task<IReadOnlyList<Measurement<double>>> ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var counts = await scope.ServiceProvider.GetRequiredService<TokenHealthService>().CountsAsync(ct);
        return [.. States.Select(state => new Measurement<double>(counts.GetValueOrDefault(state),
            new KeyValuePair<string, object?>("state", TagOf(state))))];
    }

    /// <summary><c>LikelyDisabled</c> → <c>likely_disabled</c>: the label style of metrics backends.</summary>
    private static string TagOf(TokenHealthState state) =>
        string.Concat(state.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
