using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data;

/// <summary>
/// The one database context: Identity, OpenIddict and every feature's tables.
/// Features contribute their mappings as <see cref="IEntityTypeConfiguration{TEntity}"/> classes
/// in their own folders; they are picked up here by assembly scan.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no date type: EF stores DateTimeOffset as text it cannot compare or sort in SQL.
            // UTC ticks in an INTEGER column sort, compare and index correctly.
            conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            conventions.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // OpenIddict's applications, authorizations, scopes and tokens live in the same database.
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
