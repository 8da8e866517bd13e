using Microsoft.EntityFrameworkCore;

namespace AcmeHome.Storage;

/// <summary>The product's own database: users, home, commands, events, and OpenIddict's tables.</summary>
public sealed class AcmeDbContext(DbContextOptions<AcmeDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Door> Doors => Set<Door>();
    public DbSet<Light> Lights => Set<Light>();
    public DbSet<Command> Commands => Set<Command>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<HomeEvent> Events => Set<HomeEvent>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.UseOpenIddict();
        b.Entity<User>().HasIndex(u => u.Email).IsUnique();
        b.Entity<Room>().HasIndex(r => r.UserId);
        b.Entity<Door>().HasIndex(d => d.UserId);
        b.Entity<Light>().HasIndex(l => new { l.UserId, l.RoomId });
        b.Entity<Command>().HasIndex(c => new { c.UserId, c.IdempotencyKey }).IsUnique();
        b.Entity<HomeEvent>(e =>
        {
            e.ToTable("Events");
            e.HasKey(x => x.Seq);
            // AUTOINCREMENT: a deleted last row never hands its id out again, so cursors stay valid.
            e.Property(x => x.Seq).ValueGeneratedOnAdd().HasAnnotation("Sqlite:Autoincrement", true);
            e.Ignore(x => x.Id);
            e.HasIndex(x => new { x.UserId, x.Seq });
        });
    }
}
