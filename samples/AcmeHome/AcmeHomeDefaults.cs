namespace AcmeHome;

/// <summary>
/// The sample's configuration defaults, kept in code so that no appsettings.json of this project lands in the output
/// folder of a test project that references it (it would overwrite AdminPortal's own appsettings.json there).
/// </summary>
public static class AcmeHomeDefaults
{
    public const string Url = "http://127.0.0.1:5090";
    public const string AdminKey = "acme-admin";
    public const string ClientId = "adminportal";
    public const string ClientSecret = "acme-sample-secret";

    /// <summary>A sample-only secret (not of any real system): <c>whsec_</c> + base64 of 32 bytes.</summary>
    public const string WebhookSecret = "whsec_QWNtZUhvbWUtc2FtcGxlLXdlYmhvb2stc2VjcmV0ISE=";

    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>
    {
        ["Urls"] = Url,
        ["Storage"] = "File",
        ["StoragePath"] = "data/acmehome.db",
        ["Clients:AdminPortal:ClientId"] = ClientId,
        ["Clients:AdminPortal:ClientSecret"] = ClientSecret,
        ["Clients:AdminPortal:DisplayName"] = "AdminPortal",
        ["Clients:AdminPortal:RedirectUris:0"] = "http://localhost:5080/signin-product",
        ["Clients:AdminPortal:RedirectUris:1"] = "http://127.0.0.1:5080/signin-product",
        ["Clients:AdminPortal:PostLogoutRedirectUris:0"] = "http://localhost:5080/",
        ["Clients:AdminPortal:PostLogoutRedirectUris:1"] = "http://127.0.0.1:5080/",
        ["Tokens:AccessTokenLifetime"] = "00:10:00",
        ["Webhooks:Url"] = "",
        ["Webhooks:Secret"] = WebhookSecret,
        ["Webhooks:MaxAttempts"] = "4",
        ["Webhooks:RetryDelay"] = "00:00:01",
        ["Faults:Enabled"] = "false",
        ["Admin:Key"] = AdminKey,
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:OpenIddict"] = "Warning",
    };
}
