using AdminPortal.Data;
using AdminPortal.Features.Secrets;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Registers (or updates) IFTTT as a confidential OAuth client on every start, from configuration,
/// so editing the Ifttt section takes effect on the next start without touching the database.
/// </summary>
internal sealed class IftttClientRegistrar(IOptions<IftttClientOptions> options, ILogger<IftttClientRegistrar> logger) : IStartupTask
{
    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var client = options.Value;
        if (!Uri.TryCreate(client.EffectiveRedirectUri, UriKind.Absolute, out var redirectUri))
        {
            throw new StartupConfigurationException("Ifttt:RedirectUri", $"'{client.EffectiveRedirectUri}' is not an absolute URI.");
        }

        var secret = await services.GetRequiredService<ISecretStore>().GetAsync(SecretNames.ClientSecret, ct);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            // Explicit: the user sees a consent page once; the permanent authorization remembers it.
            ConsentType = ConsentTypes.Explicit,
            DisplayName = "IFTTT",
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + OAuthServerExtensions.IftttScope,
            },
        };

        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var existing = await applications.FindByClientIdAsync(client.ClientId, ct);
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
