using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.Sunset;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace AdminPortal.IntegrationTests.Sunset;

/// <summary>An app on a fake clock, with the .eml outbox in its own folder and helpers to link users to IFTTT.</summary>
public abstract class SunsetTestBase : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    protected SunsetTestBase()
    {
        Directory = AdminPortalFactory.NewDataDirectory();
        App = CreateApp();
    }

    protected string Directory { get; }
    protected AdminPortalFactory App { get; private set; }
    protected FakeTimeProvider Clock { get; } = new(Now);
    protected string OutboxFolder => Path.Combine(Directory, "outbox");
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected AdminPortalFactory CreateApp()
    {
        var app = AdminPortalFactory.OverDirectory(Directory);
        app.Clock = Clock;
        app.Settings["Email:OutboxPath"] = OutboxFolder;
        _ = app.Server;
        return app;
    }

    /// <summary>Stops the app and starts a new one over the same database, as a restart would.</summary>
    protected async Task RestartAsync()
    {
        await App.DisposeAsync();
        App = CreateApp();
    }

    /// <summary>A user with an active IFTTT connection (a real permanent authorization and tokens).</summary>
    protected async Task<(string UserId, IssuedTokens Tokens)> LinkedUserAsync(string email, bool testUser = false)
    {
        var userId = await UserAsync(email, testUser);
        await using var scope = App.Services.CreateAsyncScope();
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        return (userId, await scope.ServiceProvider.GetRequiredService<IAccessTokenIssuer>().IssueAsync(userId, request, Ct));
    }

    protected async Task<string> UserAsync(string email, bool testUser = false)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, IsTestUser = testUser };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        return user.Id;
    }

    protected async Task<SunsetPlan> ScheduleAsync(int daysAhead, bool confirmShortNotice = false)
    {
        var result = await App.Services.GetRequiredService<SunsetPlanner>().ScheduleAsync(Request(daysAhead, confirmShortNotice), "admin@test.local", Ct);
        Assert.True(result.Succeeded, result.Error);
        return result.Plan!;
    }

    protected static SunsetRequest Request(int daysAhead, bool confirmShortNotice = false) => new()
    {
        SunsetDate = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(daysAhead),
        Reason = "We are moving to a new integration platform.",
        MessageToUsers = "Export your Applets' history before the date.",
        PlatformTeamEmail = "platform-support@ifttt.com",
        ConfirmShortNotice = confirmShortNotice,
    };

    /// <summary>Runs a sunset step now, as an admin triggering it from the Hangfire dashboard would.</summary>
    protected async Task RunJobAsync(Func<SunsetJobs, Task> step)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await step(scope.ServiceProvider.GetRequiredService<SunsetJobs>());
    }

    protected IReadOnlyList<MimeMessage> Outbox() =>
        System.IO.Directory.Exists(OutboxFolder)
            ? System.IO.Directory.GetFiles(OutboxFolder, "*.eml").Order().Select(f => MimeMessage.Load(f)).ToList()
            : [];

    protected IReadOnlyList<string> OutboxRecipients() =>
        Outbox().SelectMany(m => m.To.Mailboxes.Select(a => a.Address)).Order().ToList();

    protected async Task<List<T>> ReadAsync<T>() where T : class
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<T>().AsNoTracking().ToListAsync(Ct);
    }

    protected static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }
            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
