using AdminPortal.Features.Dashboard.Timelines;
using AdminPortal.Features.Timelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class TestEventServiceTests : DashboardTestContext
{
    [Fact]
    public async Task AddAsync_ValidForm_StoresTheEventForTheUserFoundByEmail()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");

        var result = await Service().AddAsync(Form("ann@acme.test", door: "front"), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        await using var db = await Db.CreateDbContextAsync(Ct);
        var stored = await db.Set<TimelineEvent>().SingleAsync(Ct);
        Assert.Equal(ann.Id, stored.UserId);
        Assert.Contains("\"door\":\"front\"", stored.Ingredients);
    }

    [Fact]
    public async Task AddAsync_MissingIngredient_AnswersTheIngestApisMessage()
    {
        await MigrateAsync();
        await AddUserAsync("ann@acme.test");
        var form = Form("ann@acme.test", door: "front");
        form.Ingredients["opened_at"] = null;

        var result = await Service().AddAsync(form, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(["missing ingredient 'opened_at'."], result.Errors);
    }

    [Fact]
    public async Task AddAsync_UnknownUser_SaysSo()
    {
        await MigrateAsync();

        var result = await Service().AddAsync(Form("ghost@acme.test", door: "front"), Ct);

        Assert.Equal(["unknown user 'ghost@acme.test'."], result.Errors);
    }

    private TestEventService Service() => Services.CreateScope().ServiceProvider.GetRequiredService<TestEventService>();

    private static TestEventForm Form(string user, string door) => new()
    {
        User = user,
        Trigger = "door_opened",
        Attributes = new() { ["door"] = door },
        Ingredients = new() { ["door"] = door, ["opened_at"] = "2026-11-20T08:15:00Z" },
    };
}
