using AdminPortal.Data;
using Microsoft.AspNetCore.DataProtection;

namespace AdminPortal.Features.Secrets;

public static class SecretsExtensions
{
    public const string KeysPathKey = "DataProtection:KeysPath";

    public static IHostApplicationBuilder AddSecrets(this IHostApplicationBuilder builder)
    {
        // Data Protection encrypts the stored service key (and the product tokens of ProductLink): its keys must
        // outlive a restart, so they live on disk — never in the database they protect, never only in memory.
        var keys = Path.GetFullPath(builder.Configuration[KeysPathKey] is { Length: > 0 } path ? path : "data/keys",
            builder.Environment.ContentRootPath);
        builder.Services.AddDataProtection().SetApplicationName("AdminPortal").PersistKeysToFileSystem(new DirectoryInfo(keys));

        builder.Services.AddSingleton<SecretCodec>();
        builder.Services.AddSingleton<ISecretStore, SecretStore>();
        builder.Services.AddSingleton<IStartupTask, PlaintextSecretsUpgrade>();
        return builder;
    }

    /// <summary>Compares secrets in constant time, so response timing reveals nothing about the key.</summary>
    public static bool SecretEquals(string? presented, string expected) =>
        presented is not null &&
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
