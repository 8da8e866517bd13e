using AdminPortal.Features.Dashboard;
using AdminPortal.Features.Dashboard.Traffic;
using AdminPortal.Features.Ifttt.RequestLog;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class TrafficPageTests : DashboardTestContext
{
    public TrafficPageTests() => Services.Configure<DashboardOptions>(o => o.LiveTailInterval = TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task TrafficPage_Requests_ListsThemNewestFirst()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        await AddAsync(
            Entry("status", 200, DateTimeOffset.UtcNow.AddMinutes(-5)),
            Entry("triggers/door_opened", 401, DateTimeOffset.UtcNow.AddMinutes(-1), ann.Id, error: "The access token is invalid."));

        var page = RenderInCircuit<TrafficPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=request-link]").Count));
        var rows = page.FindAll("tbody tr");
        Assert.Contains("POST triggers/door_opened", rows[0].TextContent);
        Assert.Contains("401", rows[0].TextContent);
        Assert.Contains("ann@acme.test", rows[0].TextContent);
        Assert.Contains("GET status", rows[1].TextContent);
    }

    [Fact]
    public async Task TrafficPage_NoRequests_SaysWhereToStart()
    {
        await MigrateAsync();

        var page = RenderInCircuit<TrafficPage>();

        page.WaitForAssertion(() => Assert.Contains("No requests from IFTTT yet", page.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public async Task TrafficPage_IdentityFilter_ShowsOnlyItsPolls()
    {
        await MigrateAsync();
        await AddAsync(Entry("triggers/door_opened", 200, DateTimeOffset.UtcNow, identity: "abc"), Entry("status", 200, DateTimeOffset.UtcNow));
        var page = RenderInCircuit<TrafficPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=request-link]").Count));

        await page.Find("[data-testid=filter-identity] input, input[data-testid=filter-identity]").ChangeAsync(new() { Value = "abc" });

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=request-link]")));
    }

    [Fact]
    public async Task TrafficPage_LiveTail_ShowsNewRequestsWithoutReload()
    {
        await MigrateAsync();
        var page = RenderInCircuit<TrafficPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")));

        await page.Find("[data-testid=live-tail] input, input[data-testid=live-tail]").ChangeAsync(new() { Value = true });
        await AddAsync(Entry("user/info", 200, DateTimeOffset.UtcNow));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=request-link]")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SearchAsync_ErrorsOnly_LeavesOutSuccesses()
    {
        await MigrateAsync();
        await AddAsync(Entry("status", 200, DateTimeOffset.UtcNow), Entry("status", 503, DateTimeOffset.UtcNow), Entry("user/info", 401, DateTimeOffset.UtcNow));

        var result = await Services.GetRequiredService<TrafficQueries>().SearchAsync(new TrafficFilter(Status: StatusClass.AnyError), 0, 25, Ct);

        Assert.Equal([401, 503], result!.Items.Select(r => r.Entry.Status).Order());
    }

    private static RequestLogEntry Entry(string endpoint, int status, DateTimeOffset at, string? userId = null, string? identity = null, string? error = null) => new()
    {
        At = at, Method = endpoint == "status" ? "GET" : "POST", Endpoint = endpoint, Status = status, LatencyMs = 3.2, UserId = userId,
        TriggerIdentity = identity, Error = error,
    };
}
