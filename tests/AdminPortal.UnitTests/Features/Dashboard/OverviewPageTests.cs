using AdminPortal.Features.Dashboard.Overview;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.Realtime;
using AdminPortal.Features.Secrets;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class OverviewPageTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Overview_NoServiceKey_SaysWhereToGetItAndWhereToPasteIt()
    {
        await MigrateAsync();

        var page = RenderInCircuit<OverviewPage>();

        var notice = page.Find("[data-testid=service-key-missing]");
        Assert.Contains("no service key is set", notice.TextContent);
        Assert.Contains("API → Service key", notice.TextContent);
        Assert.Equal("/admin/service", notice.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Overview_ServiceKeySet_NoNotice()
    {
        await MigrateAsync();
        await Services.GetRequiredService<ISecretStore>().SetAsync(SecretNames.ServiceKey, "key-from-ifttt-0123456789", Ct);

        var page = RenderInCircuit<OverviewPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=events-today]")));
        Assert.Empty(page.FindAll("[data-testid=service-key-missing]"));
    }

    [Fact]
    public async Task Overview_RealData_ShowsEachFigureWithoutTestUsers()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        var bob = await AddUserAsync("bob@acme.test");
        var tester = await AddUserAsync("ifttt-test@acme.test", testUser: true);
        await AddDoorEventAsync(ann.Id, "front", Now);
        await AddDoorEventAsync(tester.Id, "front", Now);
        await AddAsync(
            Identity(ann.Id, "a1", Now.AddHours(-1)), Identity(ann.Id, "stale", Now.AddDays(-30)), Identity(tester.Id, "t1", Now),
            Poll(Now.AddMinutes(-5), 200), Poll(Now.AddMinutes(-4), 200), Poll(Now.AddMinutes(-3), 401), Poll(Now.AddMinutes(-2), 500, testMode: true),
            new RequestLogEntry { At = Now, Method = "POST", Endpoint = "triggers/door_opened/fields/door/options", Status = 200, LatencyMs = 1 },
            new TokenHealthRecord { UserId = bob.Id, State = TokenHealthState.Failing, FailedChecks = 3, UpdatedAt = Now },
            new TokenHealthRecord { UserId = ann.Id, State = TokenHealthState.Healthy, UpdatedAt = Now },
            new RealtimeBatch { RequestId = "r", CreatedAt = Now, State = BatchState.Failed, EntryCount = 1, NextAttemptAt = Now });

        var page = RenderInCircuit<OverviewPage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=events-today]").TextContent));
        Assert.Equal("1", page.Find("[data-testid=identity-count]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=at-risk-count]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=failed-batches]").TextContent);
        Assert.Equal("0", page.Find("[data-testid=linked-count]").TextContent);
        Assert.Contains("of 2 users", page.Markup);
        // 1 of the 4 non-test requests failed (the test-mode 500 is left out).
        Assert.Equal(0.25.ToString("P1"), page.Find("[data-testid=error-rate]").TextContent);
        // 3 real polls this hour (the field-options call is not a poll, the test-mode one is left out), 2 of them refused.
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=traffic-chart] svg")));
        Assert.Contains("Trigger polls: 3 in total", page.Find("[data-testid=traffic-chart] [data-testid=chart-summary]").TextContent);
        Assert.Contains("Errors (4xx/5xx, any endpoint): 1 in total", page.Find("[data-testid=traffic-chart]").TextContent);
        Assert.Contains("Live", page.Find("[data-testid=service-status]").TextContent);
    }

    [Fact]
    public async Task Overview_EmptyDatabase_ShowsZerosAndEachChartsEmptySentence()
    {
        await MigrateAsync();

        var page = RenderInCircuit<OverviewPage>();

        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=events-today]").TextContent));
        Assert.Equal("never", page.Find("[data-testid=last-delivery]").TextContent);
        page.WaitForAssertion(() => Assert.Contains("No IFTTT requests in the last 24 hours.", page.Find("[data-testid=traffic-chart]").TextContent));
        Assert.Contains("No realtime nudges delivered in the last 24 hours.", page.Find("[data-testid=realtime-lag-chart]").TextContent);
        Assert.Contains("No actions run in the last 24 hours.", page.Find("[data-testid=actions-chart]").TextContent);
        Assert.Contains("No token-health counts recorded in the last 24 hours.", page.Find("[data-testid=token-health-chart]").TextContent);
        Assert.Empty(page.FindAll("svg.mud-chart-line, [data-testid=chart-table]"));
    }

    [Fact]
    public async Task Overview_SevenDaysClicked_ChartsRetitledAndThePollOfSixDaysAgoCounted()
    {
        await MigrateAsync();
        await AddAsync(Poll(Now.AddDays(-6), 200), Poll(Now.AddMinutes(-1), 200));
        var page = RenderInCircuit<OverviewPage>();
        page.WaitForAssertion(() => Assert.Contains("Trigger polls: 1 in total", page.Find("[data-testid=traffic-chart]").TextContent));

        page.FindAll("[data-testid=chart-window] button").Single(b => b.TextContent.Trim() == "7 days").Click();

        page.WaitForAssertion(() => Assert.Equal("Trigger polls and errors per hour, last 7 days", page.Find("[data-testid=traffic-chart] h2").TextContent));
        Assert.Contains("Trigger polls: 2 in total", page.Find("[data-testid=traffic-chart]").TextContent);
        Assert.Equal(["false", "true"], page.FindAll("[data-testid=chart-window] button").Select(b => b.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task Overview_Maintenance_SaysSo()
    {
        await MigrateAsync();
        await Services.GetRequiredService<ServiceStateStore>().SetMaintenanceAsync(true, null, Ct);

        var page = RenderInCircuit<OverviewPage>();

        page.WaitForAssertion(() => Assert.Contains("In maintenance", page.Find("[data-testid=service-status]").TextContent));
    }

    private static TriggerIdentity Identity(string userId, string id, DateTimeOffset lastPolled) => new()
    {
        Id = id, UserId = userId, Trigger = "door_opened", Fields = "{}", MatchKey = 1, FirstSeenAt = lastPolled, LastPolledAt = lastPolled,
    };

    private static RequestLogEntry Poll(DateTimeOffset at, int status, bool testMode = false) => new()
    {
        At = at, Method = "POST", Endpoint = "triggers/door_opened", Status = status, LatencyMs = 2, TestMode = testMode,
    };
}
