using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Features.OAuth.Connections;

/// <summary>When IFTTT last used a connection (an OpenIddict authorization): an access token accepted or a refresh.</summary>
public sealed class ConnectionUsage
{
    public required string AuthorizationId { get; init; }
    public DateTimeOffset LastUsedAt { get; set; }
}

internal sealed class ConnectionUsageConfiguration : IEntityTypeConfiguration<ConnectionUsage>
{
    public void Configure(EntityTypeBuilder<ConnectionUsage> usage)
    {
        usage.ToTable("OAuthConnectionUsage");
        usage.HasKey(u => u.AuthorizationId);
        usage.Property(u => u.AuthorizationId).HasMaxLength(100);
        usage.Property(u => u.LastUsedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
    }
}
