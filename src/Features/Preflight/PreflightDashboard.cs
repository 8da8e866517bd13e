using AdminPortal.Features.OAuth;
using AdminPortal.Features.Preflight.Runs;
using AdminPortal.Features.Realtime;
using AdminPortal.Features.Secrets;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Preflight;

/// <summary>What the admin types for the authentication tests: the client secret in clear (only its hash is stored) and a test user.</summary>
public sealed record PreflightCredentials(string? ClientSecret, string? User, string? Password)
{
    public bool Complete => !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(User) && !string.IsNullOrEmpty(Password);
}

/// <summary>
/// The page's preflight: the service key from the secret store, the client id and redirect URI IFTTT is registered
/// with, the Realtime API only when real nudges are configured; each run is stored with its results.
/// </summary>
public sealed class PreflightDashboard(
    PreflightRunner runner,
    PreflightStore store,
    ISecretStore secrets,
    IOptions<IftttClientOptions> client,
    IOptions<RealtimeOptions> realtime,
    IOptions<PreflightOptions> options,
    TimeProvider clock)
{
    /// <summary>The configured public base URL, else the origin the page was opened on.</summary>
    public Uri BaseUrlFor(Uri pageBase) =>
        options.Value.BaseUrl is { Length: > 0 } configured ? new Uri(configured) : new Uri(pageBase.GetLeftPart(UriPartial.Authority) + "/");

    public async Task<PreflightRun> RunAsync(Uri baseUrl, PreflightCredentials credentials, string actor, CancellationToken ct = default)
    {
        var startedAt = clock.GetUtcNow();
        var auth = credentials.Complete
            ? new PreflightAuth(client.Value.ClientId, credentials.ClientSecret!.Trim(), client.Value.EffectiveRedirectUri, credentials.User!.Trim(), credentials.Password!)
            : null;
        var target = new PreflightTarget(baseUrl, await secrets.GetAsync(SecretNames.ServiceKey, ct), auth, RealtimeUrl(out var reason))
        {
            RealtimeSkipReason = reason,
        };
        var results = await runner.RunAsync(target, ct);
        return await store.SaveAsync(baseUrl, actor, auth is not null, startedAt, results, ct);
    }

    private Uri? RealtimeUrl(out string skipReason)
    {
        var value = realtime.Value;
        skipReason = !value.Enabled
            ? "Ifttt:Realtime:Enabled is false: no nudges are sent, so none was tried."
            : "Ifttt:RealtimeUrl is 'local': nudges are answered inside the app, so none went to IFTTT's Realtime API.";
        return value.Enabled && !value.LocalSink ? new Uri(value.Url) : null;
    }
}
