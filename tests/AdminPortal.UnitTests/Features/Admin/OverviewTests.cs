using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Admin;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Admin;

/// <summary>The overview over a real (in-memory) SQLite database with the app's migrations.</summary>
public sealed class OverviewTests : AdminBunitContext
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public OverviewTests()
    {
        // One open connection keeps the in-memory database alive for every context the factory creates.
        _connection.Open();
        Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(_connection));
        Services.AddScoped<OverviewStatistics>();
    }

    [Fact]
    public async Task Overview_SeededUsers_ShowsEachFigure()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(
            User("admin@acme.test", now.AddDays(-30), admin: true),
            User("new@acme.test", now.AddDays(-1)),
            User("locked@acme.test", now.AddDays(-20), lockedUntil: now.AddMinutes(10)),
            User("was-locked@acme.test", now.AddDays(-20), lockedUntil: now.AddMinutes(-10)),
            User("ifttt-test@acme.test", now.AddDays(-1), testUser: true));

        var overview = RenderInCircuit<Overview>();

        overview.WaitForAssertion(() => Assert.Equal("4", overview.Find("[data-testid=user-count]").TextContent));
        Assert.Equal("1", overview.Find("[data-testid=admin-count]").TextContent);
        Assert.Equal("1", overview.Find("[data-testid=locked-count]").TextContent);
        Assert.Equal("1", overview.Find("[data-testid=recent-count]").TextContent);
    }

    [Fact]
    public async Task Overview_EmptyDatabase_ShowsZeroUsers()
    {
        await SeedAsync();

        var overview = RenderInCircuit<Overview>();

        overview.WaitForAssertion(() => Assert.Equal("0", overview.Find("[data-testid=user-count]").TextContent));
    }

    private static (AppUser User, bool Admin) User(string email, DateTimeOffset created, bool admin = false, bool testUser = false, DateTimeOffset? lockedUntil = null) =>
        (new AppUser { UserName = email, Email = email, CreatedAt = created, IsTestUser = testUser, LockoutEnd = lockedUntil }, admin);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task SeedAsync(params (AppUser User, bool Admin)[] users)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        await db.Database.MigrateAsync(Ct);
        var role = new IdentityRole(Roles.Admin);
        db.Roles.Add(role);
        foreach (var (user, admin) in users)
        {
            db.Users.Add(user);
            if (admin)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            }
        }
        await db.SaveChangesAsync(Ct);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _connection.DisposeAsync();
    }
}
