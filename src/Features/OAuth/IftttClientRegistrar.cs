using AdminPortal.Data;
using AdminPortal.Features.Secrets;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Registers (or updates) IFTTT as a confidential OAuth client on every start, from configuration,
/// so editing the Ifttt section takes effect on the next start without touching the database. The secret is never
/// read back from anywhere: OpenIddict keeps only its hash (decision 0015).
/// </summary>
internal sealed class IftttClientRegistrar(IOptions<IftttClientOptions> options, IConfiguration configuration, ILogger<IftttClientRegistrar> logger)
    : IStartupTask
{
    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var client = options.Value;
        if (!Uri.TryCreate(client.EffectiveRedirectUri, UriKind.Absolute, out var redirectUri))
        {
            throw new StartupConfigurationException("Ifttt:RedirectUri", $"'{client.EffectiveRedirectUri}' is not an absolute URI.");
        }

        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var existing = await applications.FindByClientIdAsync(client.ClientId, ct);
        var descriptor = new OpenIddictApplicationDescriptor();
        if (existing is not null)
        {
            // Starts from the stored client so its secret hash stands unless configuration sets one.
            await applications.PopulateAsync(descriptor, existing, ct);
            descriptor.RedirectUris.Clear();
            descriptor.Permissions.Clear();
        }
        descriptor.ClientId = client.ClientId;
        descriptor.ClientType = ClientTypes.Confidential;
        // Explicit: the user sees a consent page once; the permanent authorization remembers it.
        descriptor.ConsentType = ConsentTypes.Explicit;
        descriptor.DisplayName = "IFTTT";
        descriptor.RedirectUris.Add(redirectUri);
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Prefixes.Scope + OAuthServerExtensions.IftttScope,
        ]);
        // A configured secret is applied on every start (OpenIddict hashes it). Otherwise a new client gets a random
        // secret nobody is shown: the admin generates the one to give IFTTT on the Service page (shown once).
        if (configuration[SecretNames.ConfigurationKey(SecretNames.ClientSecret)!] is { Length: > 0 } configured)
        {
            descriptor.ClientSecret = configured;
        }
        else if (existing is null)
        {
            descriptor.ClientSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        if (existing is null)
        {
            await applications.CreateAsync(descriptor, ct);
            logger.LogInformation("Registered the IFTTT OAuth client {ClientId} with redirect URI {RedirectUri}", client.ClientId, redirectUri);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, ct);
        }
    }
}
