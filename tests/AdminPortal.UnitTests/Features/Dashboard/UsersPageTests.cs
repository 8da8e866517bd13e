using AdminPortal.Features.Alerts.Reconnect;
using AdminPortal.Features.Dashboard.Users;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.Sunset;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class UsersPageTests : DashboardTestContext
{
    [Fact]
    public async Task UsersPage_Users_ShowExternalIdHealthAndLastCall()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test", externalId: "cust-1");
        await AddUserAsync("bob@acme.test");
        await AddAsync(
            new TokenHealthRecord { UserId = ann.Id, State = TokenHealthState.Failing, FailedChecks = 2, UpdatedAt = DateTimeOffset.UtcNow },
            new RequestLogEntry { At = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), Method = "GET", Endpoint = "user/info", Status = 401, LatencyMs = 1, UserId = ann.Id });

        var page = RenderInCircuit<UsersPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=user-link]").Count));
        var annRow = page.FindAll("tbody tr")[0];
        Assert.Contains("cust-1", annRow.TextContent);
        Assert.Contains("failing", annRow.TextContent);
        Assert.Contains("2026-11-20 09:30:00", annRow.TextContent);
        Assert.Contains("never", page.FindAll("tbody tr")[1].TextContent);
    }

    [Fact]
    public async Task UsersPage_UserEmailedToReconnect_ShowsWhenOnlyOnTheirRow()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        await AddUserAsync("bob@acme.test");
        var sentAt = new DateTimeOffset(2026, 11, 21, 7, 45, 0, TimeSpan.Zero);
        await AddAsync(
            new NoticeDelivery { NoticeKey = ReconnectPrompts.NoticeKey(ann.Id, sentAt.AddHours(-1)), Recipient = ann.Email!, UserId = ann.Id, Subject = "Please reconnect", State = NoticeDeliveryState.Sent, SentAt = sentAt },
            // A sunset notice is not a reconnect email.
            new NoticeDelivery { NoticeKey = "sunset:1:user", Recipient = "bob@acme.test", Subject = "Leaving", State = NoticeDeliveryState.Sent, SentAt = sentAt });

        var page = RenderInCircuit<UsersPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=told-to-reconnect]").Count));
        var told = page.FindAll("[data-testid=told-to-reconnect]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["2026-11-21 07:45:00", "—"], told);
    }

    [Fact]
    public async Task UsersPage_NoUsers_SaysHowPeopleArrive()
    {
        await MigrateAsync();

        var page = RenderInCircuit<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("No users yet", page.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public async Task UsersPage_Search_FindsByExternalIdPart()
    {
        await MigrateAsync();
        await AddUserAsync("ann@acme.test", externalId: "cust-1");
        await AddUserAsync("bob@acme.test", externalId: "cust-2");
        var page = RenderInCircuit<UsersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=user-link]").Count));

        await page.Find("[data-testid=user-search] input, input[data-testid=user-search]").ChangeAsync(new() { Value = "st-2" });

        page.WaitForAssertion(() => Assert.Equal("bob@acme.test", Assert.Single(page.FindAll("[data-testid=user-link]")).TextContent));
    }

    [Fact]
    public async Task UserDetailPage_DuplicateExternalId_ShowsFormErrorAndKeepsTheOldValue()
    {
        await MigrateAsync();
        await AddUserAsync("ann@acme.test", externalId: "cust-1");
        var bob = await AddUserAsync("bob@acme.test", externalId: "cust-2");
        var page = RenderInCircuit<UserDetailPage>(p => p.Add(x => x.UserId, bob.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=external-id-save]")));

        await page.Find("[data-testid=external-id] input, input[data-testid=external-id]").ChangeAsync(new() { Value = "cust-1" });
        await page.Find("[data-testid=external-id-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Another user already has the external id 'cust-1'.", page.Markup));
        await using var db = await Db.CreateDbContextAsync(Ct);
        Assert.Equal("cust-2", (await db.Users.SingleAsync(u => u.Id == bob.Id, Ct)).ExternalId);
    }

    [Fact]
    public async Task UserDetailPage_NewExternalId_Saved()
    {
        await MigrateAsync();
        var bob = await AddUserAsync("bob@acme.test");
        var page = RenderInCircuit<UserDetailPage>(p => p.Add(x => x.UserId, bob.Id));
        page.WaitForAssertion(() => Assert.Contains("Not linked to IFTTT", page.Markup));

        await page.Find("[data-testid=external-id] input, input[data-testid=external-id]").ChangeAsync(new() { Value = "cust-9" });
        await page.Find("[data-testid=external-id-save]").ClickAsync(new());

        await using var db = await Db.CreateDbContextAsync(Ct);
        Assert.Equal("cust-9", (await db.Users.SingleAsync(u => u.Id == bob.Id, Ct)).ExternalId);
    }

    [Fact]
    public async Task UserDetailPage_EventsAndIdentity_ShowsTheirTimeline()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        await AddDoorEventAsync(ann.Id, "front", DateTimeOffset.UtcNow);

        var page = RenderInCircuit<UserDetailPage>(p => p.Add(x => x.UserId, ann.Id));

        page.WaitForAssertion(() => Assert.Contains("door=front", page.Find("[data-testid=user-timeline-door_opened]").TextContent));
        Assert.Contains("IFTTT has not called for this user yet", page.Markup);
    }
}
