using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Secrets;

public sealed class StoredSecret
{
    public required string Name { get; init; }
    public required string Value { get; set; }

    /// <summary>SHA-256 of the configured value this secret was last taken from; null when generated or rotated.</summary>
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
        secret.Property(s => s.Value).HasMaxLength(500);
        secret.Property(s => s.ConfigurationFingerprint).HasMaxLength(64);
    }
}
