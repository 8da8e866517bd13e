using AdminPortal.Features.Secrets;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace AdminPortal.Features.OAuth;

/// <summary>What an admin types into IFTTT's platform (Service → API → Authentication); the secret is shown only once, when generated.</summary>
public sealed record IftttClientInfo(string ClientId, string RedirectUri, string AuthorizeUrl, string TokenUrl, bool SecretFromConfiguration);

/// <summary>
/// The IFTTT OAuth client as admins see it: ids and URLs, and generating its secret so the running server accepts
/// the new one at once. The secret is kept only as hashes (OpenIddict's own, and the Secrets row's), never readable.
/// </summary>
public sealed class IftttClientService(
    ISecretStore secrets,
    IOptions<IftttClientOptions> options,
    IConfiguration configuration,
    IOpenIddictApplicationManager applications)
{
    /// <param name="publicBaseUri">The address IFTTT reaches this app at (e.g. NavigationManager.BaseUri).</param>
    public IftttClientInfo GetInfo(Uri publicBaseUri)
    {
        var client = options.Value;
        var baseUri = publicBaseUri.AbsoluteUri.EndsWith('/') ? publicBaseUri : new Uri(publicBaseUri.AbsoluteUri + "/");
        return new IftttClientInfo(
            client.ClientId,
            client.EffectiveRedirectUri,
            new Uri(baseUri, OAuthServerExtensions.AuthorizeEndpoint).AbsoluteUri,
            new Uri(baseUri, OAuthServerExtensions.TokenEndpoint).AbsoluteUri,
            SecretFromConfiguration: !string.IsNullOrEmpty(configuration[SecretNames.ConfigurationKey(SecretNames.ClientSecret)!]));
    }

    /// <summary>
    /// A new random secret, effective immediately and returned this once: IFTTT's refreshes fail with
    /// invalid_client until the admin pastes it into IFTTT's platform, so do both together.
    /// </summary>
    public async Task<string> GenerateSecretAsync(CancellationToken ct = default)
    {
        var secret = await secrets.GenerateAsync(SecretNames.ClientSecret, ct);
        var application = await applications.FindByClientIdAsync(options.Value.ClientId, ct)
            ?? throw new InvalidOperationException("The IFTTT OAuth client is not registered.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, ct);
        return secret;
    }
}
