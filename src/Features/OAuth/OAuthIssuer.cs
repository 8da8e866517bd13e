using AdminPortal.Data;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// <c>OAuth:Issuer</c>: the public base URL the OAuth server names in discovery and in every token. Set, it is used
/// whatever Host header a request carries — a request for <c>Host: evil.example</c> cannot make the server announce
/// endpoints there. Required outside Development (an https URL); in Development it falls back to the request's
/// own address, which is what <c>dotnet run</c> on localhost needs.
/// </summary>
internal static class OAuthIssuer
{
    public const string Key = "OAuth:Issuer";

    public static Uri? Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return environment.IsDevelopment()
                ? null
                : throw new StartupConfigurationException(Key,
                    "is required outside Development: the public https base URL IFTTT reaches this server at, e.g. https://ifttt.example.com/.");
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            throw new StartupConfigurationException(Key, $"must be an absolute https URL without query or fragment (is '{value}').");
        }
        if (issuer.Scheme != Uri.UriSchemeHttps && !environment.IsDevelopment())
        {
            throw new StartupConfigurationException(Key, $"must be an https URL outside Development (is '{value}').");
        }
        return issuer;
    }
}
