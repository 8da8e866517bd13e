using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Data;
using AdminPortal.Features.Realtime;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.BrowserTests.Alerts;

/// <summary>The Alerts page on real Kestrel: a failed realtime batch becomes an open incident on "Check now", and a past one once it is gone.</summary>
public sealed class AlertsPageTests(ChromiumFixture chromium, AppServer server) : IClassFixture<AppServer>
{
    [Fact]
    public async Task CheckNow_FailedBatch_OpenIncidentWithAdviceThenPastOnceDelivered()
    {
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.GotoAsync("/admin/alerts");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin/alerts");
        await browser.WaitForCircuitAsync();
        await page.Locator("[data-testid=open-incidents] [data-testid=empty-state]").WaitForAsync();

        await ChangeBatchesAsync(db => db.AddAsync(new RealtimeBatch
            { RequestId = "rq-browser", State = BatchState.Failed, CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow }).AsTask());
        await page.Locator("[data-testid=check-now]").ClickAsync();

        await page.Locator("[data-testid=incident-rule]").GetByText("Realtime").WaitForAsync();
        Assert.Contains("1 realtime batch(es) failed", await page.Locator("[data-testid=incident-summary]").InnerTextAsync());
        Assert.Contains("press Retry", await page.Locator("[data-testid=open-incidents]").InnerTextAsync());
        Assert.Equal("1", (await page.Locator("[data-testid=open-count]").InnerTextAsync()).Trim());
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await browser.ScreenshotAsync("alerts");

        await ChangeBatchesAsync(db => db.Set<RealtimeBatch>().ExecuteUpdateAsync(s => s.SetProperty(b => b.State, BatchState.Delivered)));
        await page.Locator("[data-testid=check-now]").ClickAsync();

        await page.Locator("[data-testid=past-summary]").GetByText("1 realtime batch(es) failed", new() { Exact = false }).WaitForAsync();
        Assert.Equal("0", (await page.Locator("[data-testid=open-count]").InnerTextAsync()).Trim());
        Assert.Empty(browser.FailedResponses);
    }

    private async Task ChangeBatchesAsync(Func<AppDbContext, Task> change)
    {
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await change(db);
        await db.SaveChangesAsync();
    }
}
