using AdminPortal.Features.Ifttt;
using AdminPortal.Features.Service;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Ingest;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.Secrets;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Dashboard.ServiceSettings;

/// <summary>A value to type into IFTTT's platform, with where it goes.</summary>
public sealed record PlatformValue(string Key, string Label, string Value, string Where);

/// <summary>One shared secret on the page: what it is for and where it goes.</summary>
public sealed record SecretInfo(string Name, string Label, string Purpose);

/// <summary>
/// The Service page's reads and commands: the declaration, the platform values, secrets, maintenance.
/// Secret changes take effect at once: the secret store's cache is updated, and for the client secret the OAuth
/// feature's IftttClientService also replaces OpenIddict's stored hash, so IFTTT's next token request needs the new one.
/// </summary>
public sealed class ServiceAdmin(
    DeclaredService service,
    ISecretStore secrets,
    ServiceStateStore state,
    IOptions<IftttClientOptions> client,
    IOptionsMonitor<IngestOptions> ingest,
    IServiceScopeFactory scopes,
    ILogger<ServiceAdmin> logger)
{
    public static readonly IReadOnlyList<SecretInfo> Secrets =
    [
        new(SecretNames.ServiceKey, "IFTTT service key",
            "IFTTT issues it (IFTTT's platform: your service → API → Service key) and sends it on every request; the Realtime API needs it too."),
        new(SecretNames.ClientSecret, "OAuth client secret", "Generated here; paste it into IFTTT's platform: Authentication → Client secret."),
        new(SecretNames.IngestApiKey, "Ingest API key", "Your product sends events with it (X-Api-Key on POST /api/v1/events)."),
    ];

    public DeclaredService Declaration => service;

    public ServiceStateSnapshot State => state.Current;

    /// <summary>The values IFTTT's platform asks for, on this host. IFTTT only talks to https.</summary>
    public IReadOnlyList<PlatformValue> PlatformValues(Uri baseUri)
    {
        var origin = $"https://{baseUri.Authority}";
        var options = client.Value;
        return
        [
            // IFTTT appends /ifttt/v1/… to the prefix itself: the prefix is the origin alone.
            new("api-url", "API URL prefix", origin, $"API → Service API → URL prefix (IFTTT appends {IftttExtensions.BasePath}/…)"),
            new("authorize-url", "Authorization URL", $"{origin}/{OAuthServerExtensions.AuthorizeEndpoint}", "Authentication → OAuth2 → Authorization URL"),
            new("token-url", "Token URL", $"{origin}/{OAuthServerExtensions.TokenEndpoint}", "Authentication → OAuth2 → Token URL"),
            new("client-id", "Client ID", options.ClientId, "Authentication → OAuth2 → Client ID"),
            new("redirect-uri", "Redirect URI", options.EffectiveRedirectUri, "Registered for the client; IFTTT sends users back there"),
        ];
    }

    public ValueTask<SecretStatus> DescribeAsync(string name, CancellationToken ct = default) => secrets.DescribeAsync(name, ct);

    /// <summary>How many ingest keys <c>Ingest:ApiKeys</c> adds: accepted too, and changed only there.</summary>
    public int ConfiguredIngestKeys => ingest.CurrentValue.ApiKeys.Count(k => !string.IsNullOrEmpty(k));

    /// <summary>The service key as IFTTT sends it (configured or pasted), for an admin to compare with IFTTT's platform.</summary>
    public ValueTask<string?> RevealServiceKeyAsync(CancellationToken ct = default) => secrets.GetAsync(SecretNames.ServiceKey, ct);

    /// <summary>Stores the key pasted from IFTTT's platform; the reason it cannot be the key otherwise (nothing stored).</summary>
    public async Task<string?> ReplaceServiceKeyAsync(string? pasted, CancellationToken ct = default)
    {
        if (IssuedKey.Problem(pasted) is { } problem)
        {
            return problem;
        }
        if ((await secrets.DescribeAsync(SecretNames.ServiceKey, ct)).Source == SecretSource.Configuration)
        {
            return $"The service key is set in configuration ({SecretNames.ConfigurationKey(SecretNames.ServiceKey)}): change it there and restart.";
        }
        await secrets.SetAsync(SecretNames.ServiceKey, pasted!.Trim(), ct);
        logger.LogWarning("The IFTTT service key was replaced from the dashboard");
        return null;
    }

    /// <summary>A new client secret or ingest key, effective at once and returned this once (only its hash is kept).</summary>
    public async Task<string> GenerateAsync(string name, CancellationToken ct = default)
    {
        var value = name == SecretNames.ClientSecret ? await GenerateClientSecretAsync(ct) : await secrets.GenerateAsync(name, ct);
        logger.LogWarning("Secret {Secret} was generated from the dashboard", name);
        return value;
    }

    public Task SetMaintenanceAsync(bool on, string? message, CancellationToken ct = default) =>
        state.SetMaintenanceAsync(on, string.IsNullOrWhiteSpace(message) ? null : message.Trim(), ct);

    /// <summary>The OAuth feature's generation: the store and OpenIddict's hashed copy change together (its manager is scoped).</summary>
    private async Task<string> GenerateClientSecretAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IftttClientService>().GenerateSecretAsync(ct);
    }
}
