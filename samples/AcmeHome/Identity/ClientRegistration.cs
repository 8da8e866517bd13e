using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AcmeHome.Identity;

/// <summary>Registers (or updates) the one OIDC client from <c>Clients:AdminPortal</c> at start-up.</summary>
public sealed class ClientRegistration(IOpenIddictApplicationManager applications, IConfiguration configuration)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Clients:AdminPortal");
        var clientId = section["ClientId"] ?? AcmeHomeDefaults.ClientId;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = section["ClientSecret"] ?? AcmeHomeDefaults.ClientSecret,
            ClientType = ClientTypes.Confidential,
            // First-party style sign-in: no consent screen of the product's own.
            ConsentType = ConsentTypes.Implicit,
            DisplayName = section["DisplayName"] ?? clientId,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
                Permissions.Prefixes.Scope + AcmeScopes.Api,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in Uris(section, "RedirectUris"))
        {
            descriptor.RedirectUris.Add(uri);
        }

        foreach (var uri in Uris(section, "PostLogoutRedirectUris"))
        {
            descriptor.PostLogoutRedirectUris.Add(uri);
        }

        var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            // Updated in place (not deleted and re-created) so a file database keeps the client's tokens.
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private static IEnumerable<Uri> Uris(IConfigurationSection section, string key) =>
        section.GetSection(key).GetChildren()
            .Select(c => c.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => new Uri(v!, UriKind.Absolute))
            .Distinct();
}
