using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.ProductLink;

/// <summary>The product's token and revocation endpoints: from its discovery document (OpenID Connect) or from configuration.</summary>
public sealed class ProductEndpoints(IOptions<ProductOptions> product, IOptionsMonitor<OpenIdConnectOptions> oidc)
{
    public async Task<(Uri Token, Uri? Revocation)> GetAsync(CancellationToken ct)
    {
        var signIn = product.Value.SignIn;
        if (signIn.Protocol == ProductOptionsValidator.OAuth2)
        {
            return (new Uri(signIn.TokenEndpoint!), signIn.RevocationEndpoint is { Length: > 0 } r ? new Uri(r) : null);
        }
        // The OpenID Connect handler's own configuration manager: one cached copy of the discovery document.
        var configuration = await oidc.Get(ProductSignIn.Scheme).ConfigurationManager!.GetConfigurationAsync(ct);
        var revocation = signIn.RevocationEndpoint is { Length: > 0 } configured ? configured
            : configuration.AdditionalData.TryGetValue("revocation_endpoint", out var value) ? value?.ToString() : null;
        return (new Uri(configuration.TokenEndpoint), revocation is { Length: > 0 } ? new Uri(revocation) : null);
    }
}
