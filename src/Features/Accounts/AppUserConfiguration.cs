using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Accounts;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.ExternalId).HasMaxLength(200);
        // Ingest resolves users by external id on every event; it must be unique when set.
        user.HasIndex(u => u.ExternalId).IsUnique();
    }
}
