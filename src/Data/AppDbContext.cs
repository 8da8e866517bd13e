using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminPortal.Data;

/// <summary>
/// The one database context: Identity, OpenIddict and every feature's tables.
/// Features contribute their mappings as <see cref="IEntityTypeConfiguration{TEntity}"/> classes
/// in their own folders; they are picked up here by assembly scan.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    private DatabaseWriteGate? _writeGate;

    /// <summary>
    /// On SQLite a save outside an explicit transaction takes a turn at the app's write gate first (decision 0032): OpenIddict's
    /// token entries, Identity and token health save through here, and without the turn concurrent refreshes met in
    /// SQLite's busy wait, which sleeps while the lock sits idle. Inside a transaction the transaction's owner decides
    /// (a turn taken there would be taken while holding SQLite's lock); inside a turn this flow holds, it does not queue twice.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (TurnNeeded() is not { } gate)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        using (gate.Enter())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (TurnNeeded() is not { } gate)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        using (await gate.EnterAsync(cancellationToken))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
    }

    private DatabaseWriteGate? TurnNeeded()
    {
        // The app's contexts come from its pooled factory, whose options carry the app's services; a context made by
        // hand (tools, tests) has none and saves as before.
        _writeGate ??= options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<DatabaseWriteGate>();
        return _writeGate is { GatesEverySave: true, HeldHere: false } gate && Database.CurrentTransaction is null && ChangeTracker.HasChanges()
            ? gate
            : null;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite has no date type: EF stores DateTimeOffset as text it cannot compare or sort in SQL.
        // UTC ticks in an INTEGER column sort, compare and index correctly. PostgreSQL stores them the same way
        // (bigint), so the provider seams' SQL takes the same instants on both (decision 0023).
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        if (Database.IsNpgsql())
        {
            // SQLite compares text byte by byte; "C" makes PostgreSQL's comparisons, orderings and indexes do the same,
            // whatever locale the server was created with (keyset paging on ids relies on it).
            conventions.Properties<string>().UseCollation("C");
            // Unbounded text, as on SQLite (which ignores lengths): the model's HasMaxLength values came from SQLite and
            // are not all validated at the edge, so enforcing them here would refuse what SQLite stores.
            conventions.Properties<string>().HaveColumnType("text");
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
