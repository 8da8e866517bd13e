using AdminPortal.Data;
using AdminPortal.Features.Sunset;
using Bunit;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Sunset;

/// <summary>The Sunset notices page over a real in-memory SQLite database and a real (in-memory) Hangfire client.</summary>
public sealed class SunsetPageTests : AdminBunitContext
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly InMemoryStorage _jobs = new();

    public SunsetPageTests()
    {
        _connection.Open();
        Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(_connection).UseProviderMigrations());
        Services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(_jobs));
        Services.AddOptions<SunsetOptions>();
        Services.AddSingleton<SunsetPlanner>();
        Services.AddSingleton<SunsetOverview>();
        Services.AddSingleton<ReconnectNotices>();
        AddAuthorization().SetAuthorized("admin@acme.test").SetRoles("Admin");
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task SunsetPage_NoPlan_ShowsFormAndEmptyStates()
    {
        await MigrateAsync();

        var page = RenderInCircuit<SunsetPage>();

        page.WaitForAssertion(() => Assert.Contains("Plan a sunset", page.Markup));
        Assert.Contains("No notices sent yet", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=sunset-timeline]"));
        Assert.Equal("platform-support@ifttt.com", page.Find("input[value='platform-support@ifttt.com']").GetAttribute("value"));
    }

    [Fact]
    public async Task SunsetPage_ScheduledPlan_ShowsTimelineStepsAndHistory()
    {
        await MigrateAsync();
        var planner = Services.GetRequiredService<SunsetPlanner>();
        var result = await planner.ScheduleAsync(new SunsetRequest
        {
            SunsetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
            Reason = "Moving to a new platform", MessageToUsers = "Thanks!", PlatformTeamEmail = "platform-support@ifttt.com",
        }, "admin@acme.test", Ct);
        Assert.True(result.Succeeded, result.Error);

        var page = RenderInCircuit<SunsetPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=sunset-timeline]")));
        var timeline = page.Find("[data-testid=sunset-timeline]").TextContent;
        Assert.Contains("Platform team notice", timeline);
        Assert.Contains("User notice (T-7 days)", timeline);
        Assert.Contains("Sunset (T-0)", timeline);
        Assert.Contains("Reason: Moving to a new platform", timeline);
        Assert.Contains("Change the plan", page.Markup);
        Assert.Contains("Scheduled the sunset for", page.Markup);
    }

    private async Task MigrateAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        await db.Database.MigrateAsync(Ct);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _connection.DisposeAsync();
        _jobs.Dispose();
    }
}
