using AdminPortal.Data;

namespace AdminPortal.Features.ProductLink;

/// <summary>Checks the <c>Product</c> section at start-up; every problem names the key to fix.</summary>
public static class ProductOptionsValidator
{
    public const string OpenIdConnect = "OpenIdConnect";
    public const string OAuth2 = "OAuth2";

    public static void Validate(ProductOptions product)
    {
        if (!product.IsConfigured)
        {
            return;
        }
        const string s = ProductOptions.Section;
        RequireUrl($"{s}:ApiBaseUrl", product.ApiBaseUrl);
        if (product.AccountUrl is { Length: > 0 })
        {
            RequireUrl($"{s}:AccountUrl", product.AccountUrl);
        }
        if (product.Timeout <= TimeSpan.Zero || product.Timeout > TimeSpan.FromSeconds(30))
        {
            throw new StartupConfigurationException($"{s}:Timeout", "must be between 00:00:00.1 and 00:00:30 (IFTTT gives up after 30 s).");
        }
        var signIn = product.SignIn;
        if (string.IsNullOrWhiteSpace(signIn.ClientId))
        {
            throw new StartupConfigurationException($"{s}:SignIn:ClientId", "is required when Product:Name is set.");
        }
        switch (signIn.Protocol)
        {
            case OpenIdConnect:
                RequireUrl($"{s}:SignIn:Authority", signIn.Authority);
                break;
            case OAuth2:
                RequireUrl($"{s}:SignIn:AuthorizationEndpoint", signIn.AuthorizationEndpoint);
                RequireUrl($"{s}:SignIn:TokenEndpoint", signIn.TokenEndpoint);
                RequireUrl($"{s}:SignIn:UserInfoEndpoint", signIn.UserInfoEndpoint);
                // ASP.NET Core's OAuth handler refuses to run without a secret, on every request, not at start-up.
                if (string.IsNullOrWhiteSpace(signIn.ClientSecret))
                {
                    throw new StartupConfigurationException($"{s}:SignIn:ClientSecret", "is required with Product:SignIn:Protocol OAuth2.");
                }
                if (string.IsNullOrWhiteSpace(signIn.SubjectField))
                {
                    throw new StartupConfigurationException($"{s}:SignIn:SubjectField", "names the userinfo field that holds the user's id; it cannot be empty.");
                }
                break;
            default:
                throw new StartupConfigurationException($"{s}:SignIn:Protocol", $"'{signIn.Protocol}' is not supported; use {OpenIdConnect} or {OAuth2}.");
        }
        if (signIn.RevocationEndpoint is { Length: > 0 })
        {
            RequireUrl($"{s}:SignIn:RevocationEndpoint", signIn.RevocationEndpoint);
        }
    }

    private static void RequireUrl(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StartupConfigurationException(key, "is required when Product:Name is set.");
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new StartupConfigurationException(key, $"'{value}' is not an absolute http(s) URL.");
        }
    }
}
