using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Secrets;

public sealed class StoredSecret
{
    public required string Name { get; init; }

    /// <summary>The protected form (see <see cref="SecretCodec"/>): a hash or a Data Protection payload, never the secret.</summary>
    public required string Value { get; set; }

    /// <summary>
    /// Written by versions before decision 0015 (a hash of the configured value the row was copied from); the upgrade
    /// clears it and nothing writes it now. Kept so this change needs no migration.
    /// </summary>
    public string? ConfigurationFingerprint { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class StoredSecretConfiguration : IEntityTypeConfiguration<StoredSecret>
{
    public void Configure(EntityTypeBuilder<StoredSecret> secret)
    {
        secret.ToTable("Secrets");
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(100);
        // A Data Protection payload of a 200-character key is about 400 characters.
        secret.Property(s => s.Value).HasMaxLength(500);
        secret.Property(s => s.ConfigurationFingerprint).HasMaxLength(64);
    }
}
