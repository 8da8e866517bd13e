namespace AdminPortal.Features.Secrets;

public static class SecretsExtensions
{
    public static IHostApplicationBuilder AddSecrets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISecretStore, SecretStore>();
        return builder;
    }

    /// <summary>Compares secrets in constant time, so response timing reveals nothing about the key.</summary>
    public static bool SecretEquals(string? presented, string expected) =>
        presented is not null &&
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
