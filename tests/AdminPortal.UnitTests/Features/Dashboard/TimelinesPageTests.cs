using AdminPortal.Features.Dashboard.Timelines;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class TimelinesPageTests : DashboardTestContext
{
    [Fact]
    public async Task TimelinesPage_Events_ListsThemNewestFirst()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        await AddDoorEventAsync(ann.Id, "front", DateTimeOffset.UtcNow.AddMinutes(-10));
        await AddDoorEventAsync(ann.Id, "back", DateTimeOffset.UtcNow.AddMinutes(-1));

        var page = RenderInCircuit<TimelinesPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=event-link]").Count));
        var rows = page.FindAll("tbody tr");
        Assert.Contains("door=back", rows[0].TextContent);
        Assert.Contains("ann@acme.test", rows[0].TextContent);
        Assert.Contains("door=front", rows[1].TextContent);
    }

    [Fact]
    public async Task TimelinesPage_NoEvents_SaysHowToSendThem()
    {
        await MigrateAsync();

        var page = RenderInCircuit<TimelinesPage>();

        page.WaitForAssertion(() => Assert.Contains("No events yet", page.Find("[data-testid=empty-state]").TextContent));
        Assert.Contains("/api/v1/events", page.Markup);
    }

    [Fact]
    public async Task TimelinesPage_UserFilter_ShowsOnlyThatUsersEvents()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        var bob = await AddUserAsync("bob@acme.test", externalId: "cust-7");
        await AddDoorEventAsync(ann.Id, "front", DateTimeOffset.UtcNow.AddMinutes(-2));
        await AddDoorEventAsync(bob.Id, "garage", DateTimeOffset.UtcNow.AddMinutes(-1));
        var page = RenderInCircuit<TimelinesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=event-link]").Count));

        await page.Find("[data-testid=filter-user] input, input[data-testid=filter-user]").ChangeAsync(new() { Value = "cust-7" });

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=event-link]")));
        Assert.Contains("door=garage", page.Find("tbody tr").TextContent);
    }

    [Fact]
    public async Task TimelinesPage_UnknownUser_SaysNobodyMatches()
    {
        await MigrateAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("user", "nobody@acme.test"));

        var page = RenderInCircuit<TimelinesPage>();

        page.WaitForAssertion(() => Assert.Contains("No user matches", page.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public async Task EventDetailPage_Event_ShowsIngredientsAndThePollItem()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        var at = new DateTimeOffset(2026, 11, 20, 8, 15, 0, TimeSpan.Zero);
        var id = await AddDoorEventAsync(ann.Id, "front", at);

        var page = RenderInCircuit<EventDetailPage>(p => p.Add(x => x.EventId, id));

        page.WaitForAssertion(() => Assert.Contains("front", page.Find("[data-testid=event-ingredients]").TextContent));
        var json = page.Find("[data-testid=event-json]").TextContent;
        Assert.Contains($"\"id\": \"{id}\"", json);
        Assert.Contains($"\"timestamp\": {at.ToUnixTimeSeconds()}", json);
        Assert.Contains("\"opened_at\": \"2026-11-20T08:15:00+00:00\"", json);
    }

    [Fact]
    public void AttributeNeedle_NameAndValue_MatchesTheStoredJsonExactly()
    {
        Assert.Equal("\"door\":\"front\"", TimelineQueries.AttributeNeedle("door", "front"));
        Assert.Equal("\"door\":", TimelineQueries.AttributeNeedle("door", null));
        Assert.Null(TimelineQueries.AttributeNeedle(null, "front"));
    }
}
