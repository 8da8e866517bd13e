using AdminPortal.Features.Dashboard.ActionLog;
using AdminPortal.Features.Ifttt.Actions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class ActionsPageTests : DashboardTestContext
{
    [Fact]
    public async Task ActionsPage_Runs_ShowOutcomesAsIftttNamesThem()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        await AddAsync(
            Run(ann.Id, ActionOutcomes.Success, DateTimeOffset.UtcNow.AddMinutes(-3), "hello"),
            Run(ann.Id, ActionOutcomes.Skip, DateTimeOffset.UtcNow.AddMinutes(-2), "attic", message: "Room 'attic' has never been reported."),
            Run(ann.Id, ActionOutcomes.Error, DateTimeOffset.UtcNow.AddMinutes(-1), "x", message: "The action failed: boom"));

        var page = RenderInCircuit<ActionsPage>();

        page.WaitForAssertion(() => Assert.Equal(["error", "SKIP", "success"], page.FindAll("[data-testid=action-outcome]").Select(c => c.TextContent.Trim())));
        Assert.Contains("never been reported", page.Markup);
        Assert.Contains("message=hello", page.Markup);
    }

    [Fact]
    public async Task ActionsPage_None_SaysWhenActionsArrive()
    {
        await MigrateAsync();

        var page = RenderInCircuit<ActionsPage>();

        page.WaitForAssertion(() => Assert.Contains("No actions run yet", page.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public async Task ActionsPage_UserFilter_ShowsOnlyTheirRuns()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        var bob = await AddUserAsync("bob@acme.test");
        await AddAsync(Run(ann.Id, ActionOutcomes.Success, DateTimeOffset.UtcNow, "a"), Run(bob.Id, ActionOutcomes.Skip, DateTimeOffset.UtcNow, "b"));
        var page = RenderInCircuit<ActionsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=action-outcome]").Count));

        await page.Find("[data-testid=filter-user] input, input[data-testid=filter-user]").ChangeAsync(new() { Value = "bob@acme.test" });

        page.WaitForAssertion(() => Assert.Equal("SKIP", Assert.Single(page.FindAll("[data-testid=action-outcome]")).TextContent.Trim()));
    }

    [Fact]
    public async Task SearchAsync_OutcomeFilter_OnlyThatOutcome()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        await AddAsync(Run(ann.Id, ActionOutcomes.Success, DateTimeOffset.UtcNow, "a"), Run(ann.Id, ActionOutcomes.Skip, DateTimeOffset.UtcNow, "b"));

        var result = await Services.GetRequiredService<ActionQueries>().SearchAsync(new ActionFilter(Outcome: ActionOutcomes.Skip), 0, 25, Ct);

        Assert.Equal(["message=b"], result!.Items.Select(r => string.Join(",", r.Fields.Select(f => $"{f.Key}={f.Value}"))));
    }

    private static ActionLogEntry Run(string userId, string outcome, DateTimeOffset at, string field, string? message = null) => new()
    {
        Id = Guid.NewGuid().ToString("N")[..26], UserId = userId, Action = "add_log_entry", RequestId = Guid.NewGuid().ToString(),
        Fields = $$"""{"message":"{{field}}"}""", Outcome = outcome, Message = message, ResultId = outcome == ActionOutcomes.Success ? "r1" : null,
        CreatedAt = at, CompletedAt = at, LatencyMs = 2,
    };
}
