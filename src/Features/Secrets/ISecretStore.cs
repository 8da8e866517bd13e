namespace AdminPortal.Features.Secrets;

/// <summary>
/// Shared secrets the app hands to IFTTT or to the company's product (service key, OAuth client secret,
/// ingest API key). Kept in the database so admins can reveal and rotate them without a restart;
/// a value set in configuration wins whenever it changes.
/// </summary>
public interface ISecretStore
{
    ValueTask<string> GetAsync(string name, CancellationToken ct = default);

    /// <summary>Replaces the secret with a new random value; callers see it at once.</summary>
    Task<string> RotateAsync(string name, CancellationToken ct = default);
}

public static class SecretNames
{
    public const string ServiceKey = "ifttt-service-key";
    public const string ClientSecret = "ifttt-client-secret";
    public const string IngestApiKey = "ingest-api-key";

    /// <summary>The configuration key whose value, when set, is the secret.</summary>
    public static string? ConfigurationKey(string name) => name switch
    {
        ServiceKey => "Ifttt:ServiceKey",
        ClientSecret => "Ifttt:ClientSecret",
        _ => null,
    };
}
