using AcmeHome.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AcmeHome.Storage;

/// <summary>
/// Creates the schema, the two seeded households and the configured OIDC client. Runs as a hosted service, which
/// the host starts before Kestrel accepts requests.
/// </summary>
public sealed class AcmeSeeder(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AcmeDbContext>();
        // A sample with a fixed schema and a throw-away database: EnsureCreated instead of migrations.
        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (!await db.Users.AnyAsync(cancellationToken))
        {
            Seed(db);
            await db.SaveChangesAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<ClientRegistration>().EnsureAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Seed(AcmeDbContext db)
    {
        var hasher = new PasswordHasher<User>();
        User NewUser(string id, string email, string name, string password)
        {
            var user = new User { Id = id, Email = email, Name = name, PasswordHash = "" };
            user.PasswordHash = hasher.HashPassword(user, password);
            return user;
        }

        db.Users.AddRange(
            NewUser("usr_alice", "alice@acme.test", "Alice Example", "Alice-pass-1"),
            NewUser("usr_bob", "bob@acme.test", "Bob Example", "Bob-pass-1"));

        db.Rooms.AddRange(
            new Room { Id = "kitchen", UserId = "usr_alice", Name = "Kitchen" },
            new Room { Id = "living-room", UserId = "usr_alice", Name = "Living room" },
            new Room { Id = "garage", UserId = "usr_alice", Name = "Garage" },
            new Room { Id = "office", UserId = "usr_bob", Name = "Office" },
            new Room { Id = "bedroom", UserId = "usr_bob", Name = "Bedroom" });

        db.Doors.AddRange(
            new Door { Id = "front", UserId = "usr_alice", Name = "Front door", RoomId = "living-room" },
            new Door { Id = "back", UserId = "usr_alice", Name = "Back door", RoomId = "kitchen" },
            new Door { Id = "main", UserId = "usr_bob", Name = "Main door", RoomId = "office" });

        db.Lights.AddRange(
            new Light { Id = "kitchen-ceiling", UserId = "usr_alice", RoomId = "kitchen", Name = "Ceiling" },
            new Light { Id = "kitchen-counter", UserId = "usr_alice", RoomId = "kitchen", Name = "Counter" },
            new Light { Id = "living-room-lamp", UserId = "usr_alice", RoomId = "living-room", Name = "Floor lamp" },
            new Light { Id = "garage-ceiling", UserId = "usr_alice", RoomId = "garage", Name = "Ceiling" },
            new Light { Id = "office-desk", UserId = "usr_bob", RoomId = "office", Name = "Desk lamp" },
            new Light { Id = "bedroom-ceiling", UserId = "usr_bob", RoomId = "bedroom", Name = "Ceiling" });
    }
}
