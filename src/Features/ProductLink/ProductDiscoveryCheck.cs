using AdminPortal.Data;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.ProductLink;

/// <summary>
/// Reads the product's discovery document once at start-up, so a wrong or unreachable authority stops the app with
/// one line naming the key, instead of the first user's sign-in failing.
/// </summary>
internal sealed class ProductDiscoveryCheck : IStartupTask
{
    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var product = services.GetRequiredService<IOptions<ProductOptions>>().Value;
        if (!product.IsConfigured || product.SignIn.Protocol != ProductOptionsValidator.OpenIdConnect)
        {
            return;
        }
        var oidc = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(ProductSignIn.Scheme);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(timeout.Token);
            if (string.IsNullOrEmpty(configuration.TokenEndpoint))
            {
                throw new StartupConfigurationException($"{ProductOptions.Section}:SignIn:Authority",
                    $"the discovery document at {product.SignIn.Authority} names no token_endpoint.");
            }
        }
        catch (Exception ex) when (ex is not StartupConfigurationException && !ct.IsCancellationRequested)
        {
            throw new StartupConfigurationException($"{ProductOptions.Section}:SignIn:Authority",
                $"could not read the OpenID Connect discovery document of {product.SignIn.Authority} ({FirstLine(ex)}).");
        }
    }

    private static string FirstLine(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return inner.Message.Split('\n')[0].Trim();
    }
}
