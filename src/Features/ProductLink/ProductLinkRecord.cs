using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.ProductLink;

public enum ProductLinkState
{
    /// <summary>The tokens work (or can be refreshed).</summary>
    Valid,
    /// <summary>The product refused a refresh: the user must sign in through the product again.</summary>
    Broken,
}

/// <summary>
/// One user's link to the product: who they are there and the tokens AdminPortal calls the product with.
/// Token columns hold Data Protection ciphertext only; the plaintext never reaches the database or a log.
/// </summary>
public sealed class ProductLinkRecord
{
    public required string UserId { get; init; }
    /// <summary>The product's subject for this user (also the user's <c>ExternalId</c>).</summary>
    public required string Subject { get; set; }
    /// <summary>The product's display name for the user, answered by user/info.</summary>
    public string? DisplayName { get; set; }
    public string? ProtectedAccessToken { get; set; }
    public string? ProtectedRefreshToken { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    public ProductLinkState State { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public DateTimeOffset? RefreshedAt { get; set; }
    public DateTimeOffset? BrokenAt { get; set; }
    public string? BrokenReason { get; set; }
}

internal sealed class ProductLinkConfiguration : IEntityTypeConfiguration<ProductLinkRecord>
{
    public void Configure(EntityTypeBuilder<ProductLinkRecord> link)
    {
        link.ToTable("ProductLinks");
        link.HasKey(l => l.UserId);
        link.Property(l => l.UserId).HasMaxLength(450);
        link.Property(l => l.Subject).HasMaxLength(200);
        link.Property(l => l.DisplayName).HasMaxLength(200);
        link.Property(l => l.State).HasConversion<string>().HasMaxLength(20);
        link.Property(l => l.BrokenReason).HasMaxLength(300);
        link.HasIndex(l => l.Subject).IsUnique();
    }
}
