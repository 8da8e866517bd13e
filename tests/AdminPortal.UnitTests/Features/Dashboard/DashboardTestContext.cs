using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.Features.Email;
using AdminPortal.Features.Dashboard;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ingest;
using AdminPortal.Features.Service;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Realtime;
using AdminPortal.Features.Secrets;
using AdminPortal.Features.Sunset;
using AdminPortal.Features.Telemetry;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.OAuth.Health;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Dashboard;

/// <summary>
/// A dashboard page over a real in-memory SQLite database with the app's migrations, the demo service
/// declaration, and the real query services (AddDashboardQueries), as the app registers them.
/// </summary>
public abstract class DashboardTestContext : AdminBunitContext
{
    private static readonly Dictionary<string, string?> Demo = new()
    {
        ["Service:Name"] = "Demo Home",
        ["Service:Slug"] = "demo_home",
        ["Service:Triggers:0:Slug"] = "door_opened",
        ["Service:Triggers:0:Name"] = "Door opened",
        ["Service:Triggers:0:Attributes:0"] = "door",
        ["Service:Triggers:0:Attributes:1"] = "room",
        ["Service:Triggers:0:Fields:0:Slug"] = "door",
        ["Service:Triggers:0:Fields:0:Label"] = "Which door",
        ["Service:Triggers:0:Fields:0:Required"] = "true",
        ["Service:Triggers:0:Fields:0:Kind"] = "dropdown",
        ["Service:Triggers:0:Fields:0:DynamicOptions"] = "attribute-values",
        ["Service:Triggers:0:Fields:0:Sample"] = "front",
        ["Service:Triggers:0:Ingredients:0:Slug"] = "door",
        ["Service:Triggers:0:Ingredients:1:Slug"] = "opened_at",
        ["Service:Triggers:0:Ingredients:1:Type"] = "datetime",
        ["Service:Triggers:1:Slug"] = "button_pressed",
        ["Service:Triggers:1:Name"] = "Button pressed",
        ["Service:Triggers:1:Attributes:0"] = "button",
        ["Service:Triggers:1:Fields:0:Slug"] = "button",
        ["Service:Triggers:1:Fields:0:Label"] = "Which button",
        ["Service:Triggers:1:Fields:0:Required"] = "false",
        ["Service:Triggers:1:Fields:0:Sample"] = "blue",
        ["Service:Triggers:1:Ingredients:0:Slug"] = "button",
        ["Service:Actions:0:Slug"] = "add_log_entry",
        ["Service:Actions:0:Name"] = "Add a log entry",
        ["Service:Actions:0:Handler"] = "record",
        ["Service:Actions:0:Fields:0:Slug"] = "message",
        ["Service:Actions:0:Fields:0:Label"] = "Message",
        ["Service:Actions:0:Fields:0:Required"] = "true",
        ["Service:Actions:0:Fields:0:Sample"] = "Hello",
    };

    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    protected DashboardTestContext() : base(Demo)
    {
        // One open connection keeps the in-memory database alive for every context.
        _connection.Open();
        Services.AddLogging();
        Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(_connection).UseProviderMigrations());
        Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Demo).Build();
        Services.AddKeyedScoped<IActionHandler, RecordActionHandler>(RecordActionHandler.Name);
        Services.AddScoped<AttributeValues>();
        Services.AddKeyedScoped<IDynamicOptionsProvider>(AttributeValues.ProviderName, (sp, _) => sp.GetRequiredService<AttributeValues>());
        Services.AddSingleton(ServiceLoader.Load(configuration, Services));
        Services.AddSingleton<MatchShapes>();
        Services.AddSingleton<DatabaseWriteGate>();
        Services.AddSingleton<AdminPortal.Data.Cluster.ClusterChangeFeed>(); // SQLite: publishes nothing
        Services.AddSingleton<ITimelineSql, SqliteTimelineSql>();
        Services.AddSingleton<ITriggerIdentitySql, SqliteTriggerIdentitySql>();
        Services.AddSingleton<MatchingIdentities>();
        Services.AddScoped<EventStore>();
        Services.AddScoped<UserResolver>();
        Services.AddScoped<IngestService>();
        Services.AddMetrics();
        Services.AddSingleton<AppMetrics>(); // ingest counts its outcomes; nothing listens here
        Services.AddSingleton<ServiceStateStore>();
        Services.AddSingleton<SecretCodec>();
        Services.AddSingleton<ISecretStore, SecretStore>();
        Services.AddSingleton<RealtimeSignal>();
        Services.AddSingleton<IRealtimeSql, SqliteRealtimeSql>();
        Services.AddSingleton<RealtimeOutbox>();
        Services.AddSingleton<RealtimeAdmin>();
        Services.AddSingleton<AdminPortal.Features.ProductLink.ProductLinkStatus>();
        Services.AddSingleton<ServiceLifecycle>();
        Services.AddSingleton<ServiceAvailability>();
        Services.AddOptions<IftttClientOptions>();
        // The OAuth feature's services the user pages read (OpenIddict's managers over the same database).
        Services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AppDbContext>());
        Services.AddScoped<IftttLinks>();
        Services.AddScoped<TokenHealthRecorder>();
        Services.AddSingleton<TokenCheckWriter>(); // not started here: these pages write no queued checks
        Services.AddScoped<TokenHealthService>();
        Services.AddScoped<ConnectionsService>();
        // Accounts, for the user page's account panel: Identity over the same database, reset tokens, an email sink.
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>().AddDefaultTokenProviders();
        Services.AddSingleton<AdminPortal.Features.Accounts.Sessions.AccountAccessChanges>();
        Services.AddSingleton<AdminAccounts>();
        Services.AddSingleton<UserDeleter>();
        Services.AddSingleton<IEmailSender>(SentEmails);
        Services.AddOptions<DashboardOptions>();
        Services.AddDashboardQueries();
        Services.AddSingleton<AdminPortal.Features.Alerts.Reconnect.ReconnectPromptQueries>();
    }

    /// <summary>What the pages emailed.</summary>
    protected CapturingEmailSender SentEmails { get; } = new();

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>Applies the real migrations; call before seeding or rendering.</summary>
    protected async Task MigrateAsync()
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        await db.Database.MigrateAsync(Ct);
    }

    protected async Task<AppUser> AddUserAsync(string email, string? externalId = null, bool testUser = false)
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        var user = new AppUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), ExternalId = externalId, IsTestUser = testUser, CreatedAt = DateTimeOffset.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user;
    }

    /// <summary>Stores a door event through the real event store (match keys included).</summary>
    protected async Task<string> AddDoorEventAsync(string userId, string door, DateTimeOffset at)
    {
        await using var scope = Services.CreateAsyncScope();
        var ingredients = EventIngredients.Write([new("door", door), new("opened_at", EventIngredients.FormatDate(at))]);
        var stored = await scope.ServiceProvider.GetRequiredService<EventStore>().AppendAsync(
            [(userId, new EventToAppend("door_opened", new Dictionary<string, string> { ["door"] = door }, ingredients, null, at))], Ct);
        return stored[0].Id;
    }

    /// <summary>A user in the Admin role (the role created when missing, as the bootstrapper does).</summary>
    protected async Task<AppUser> AddAdminAsync(string email)
    {
        var user = await AddUserAsync(email);
        await using var scope = Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            await roles.CreateAsync(new IdentityRole(Roles.Admin));
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, Roles.Admin);
        return user;
    }

    protected async Task AddAsync(params object[] entities)
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        db.AddRange(entities);
        await db.SaveChangesAsync(Ct);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _connection.DisposeAsync();
    }
}

public sealed class CapturingEmailSender : IEmailSender
{
    public List<EmailMessage> Sent { get; } = [];

    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        Sent.Add(message);
        return Task.CompletedTask;
    }
}
