using AdminPortal.Features.Dashboard.RealtimeLog;
using AdminPortal.Features.Realtime;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class RealtimePageTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task RealtimePage_FailedBatch_ShowsItAndRetryQueuesItAgain()
    {
        await MigrateAsync();
        var failed = Batch(BatchState.Failed, "HTTP 401");
        await AddAsync(failed, Batch(BatchState.Delivered), Batch(BatchState.Delivered));
        await AddAsync(
            new RealtimeNotification { TriggerIdentity = "abc", BatchId = failed.Id, State = NotificationState.Failed, CreatedAt = Now },
            new RealtimeCall { BatchId = failed.Id, RequestId = failed.RequestId, At = Now.AddMinutes(-1), Attempt = 1, EntryCount = 1, StatusCode = 401, Error = "HTTP 401" },
            new RealtimeCall { BatchId = failed.Id + 1, RequestId = "r2", At = Now.AddMinutes(-2), Attempt = 1, EntryCount = 3, StatusCode = 200, Succeeded = true });

        var page = RenderInCircuit<RealtimePage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=failed-batches]").TextContent));
        Assert.Equal("0", page.Find("[data-testid=pending-batches]").TextContent);
        Assert.DoesNotContain("never", page.Find("[data-testid=last-delivery]").TextContent);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=calls] tbody tr").Count));

        await page.Find($"[data-testid=retry-{failed.Id}]").ClickAsync(new());

        await using var db = await Db.CreateDbContextAsync(Ct);
        Assert.Equal(BatchState.Pending, (await db.Set<RealtimeBatch>().SingleAsync(b => b.Id == failed.Id, Ct)).State);
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=pending-batches]").TextContent));
    }

    [Fact]
    public async Task RealtimePage_Nothing_SaysWhenCallsStart()
    {
        await MigrateAsync();

        var page = RenderInCircuit<RealtimePage>();

        page.WaitForAssertion(() => Assert.Contains("No calls to IFTTT's Realtime API yet", page.Markup));
        Assert.Equal("never", page.Find("[data-testid=last-delivery]").TextContent);
    }

    [Fact]
    public async Task RealtimePage_FailuresOnlySwitch_HidesSuccessfulCalls()
    {
        await MigrateAsync();
        await AddAsync(
            new RealtimeCall { BatchId = 1, RequestId = "a", At = Now, Attempt = 1, EntryCount = 1, StatusCode = 500, Error = "boom" },
            new RealtimeCall { BatchId = 2, RequestId = "b", At = Now, Attempt = 1, EntryCount = 1, StatusCode = 200, Succeeded = true });
        var page = RenderInCircuit<RealtimePage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=calls] tbody tr").Count));

        await page.Find(".mud-switch input").ChangeAsync(new() { Value = true });

        page.WaitForAssertion(() => Assert.Contains("boom", Assert.Single(page.FindAll("[data-testid=calls] tbody tr")).TextContent));
    }

    private static RealtimeBatch Batch(BatchState state, string? error = null) => new()
    {
        RequestId = Guid.NewGuid().ToString(), CreatedAt = Now.AddMinutes(-10), State = state, EntryCount = 1, Attempts = 1,
        NextAttemptAt = Now, CompletedAt = Now.AddMinutes(-1), LastError = error,
    };
}
