using AdminPortal.Features.Secrets;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace AdminPortal.Features.OAuth;

/// <summary>What an admin types into IFTTT's platform (Service → API → Authentication).</summary>
public sealed record IftttClientInfo(
    string ClientId, string ClientSecret, string RedirectUri, string AuthorizeUrl, string TokenUrl, bool SecretFromConfiguration);

/// <summary>
/// The IFTTT OAuth client as admins see it: ids, URLs and the secret (generated and stored when none is
/// configured), and rotating that secret so the running server accepts the new one at once.
/// </summary>
public sealed class IftttClientService(
    ISecretStore secrets,
    IOptions<IftttClientOptions> options,
    IConfiguration configuration,
    IOpenIddictApplicationManager applications)
{
    /// <param name="publicBaseUri">The address IFTTT reaches this app at (e.g. NavigationManager.BaseUri).</param>
    public async Task<IftttClientInfo> GetInfoAsync(Uri publicBaseUri, CancellationToken ct = default)
    {
        var client = options.Value;
        var baseUri = publicBaseUri.AbsoluteUri.EndsWith('/') ? publicBaseUri : new Uri(publicBaseUri.AbsoluteUri + "/");
        return new IftttClientInfo(
            client.ClientId,
            await secrets.GetAsync(SecretNames.ClientSecret, ct),
            client.EffectiveRedirectUri,
            new Uri(baseUri, OAuthServerExtensions.AuthorizeEndpoint).AbsoluteUri,
            new Uri(baseUri, OAuthServerExtensions.TokenEndpoint).AbsoluteUri,
            SecretFromConfiguration: !string.IsNullOrEmpty(configuration[SecretNames.ConfigurationKey(SecretNames.ClientSecret)!]));
    }

    /// <summary>
    /// A new random secret, effective immediately: IFTTT's refreshes fail with invalid_client until the
    /// admin pastes it into IFTTT's platform, so do both together.
    /// </summary>
    public async Task<string> RotateSecretAsync(CancellationToken ct = default)
    {
        var secret = await secrets.RotateAsync(SecretNames.ClientSecret, ct);
        var application = await applications.FindByClientIdAsync(options.Value.ClientId, ct)
            ?? throw new InvalidOperationException("The IFTTT OAuth client is not registered.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, ct);
        return secret;
    }
}
