using AdminPortal.Features.Dashboard.ActionLog;
using AdminPortal.Features.Dashboard.Traffic;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.ProductApi.Calls;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.UnitTests.Features.Dashboard;

/// <summary>What the admin sees of the calls AdminPortal made to the product.</summary>
public sealed class ProductCallViewsTests : DashboardTestContext
{
    private static ProductCall Call(string requestId, string userId, int? status, string outcome, string? message = null) => new()
    {
        At = DateTimeOffset.UtcNow, Purpose = "action turn_on_lights", UserId = userId, RequestId = requestId, Method = "POST",
        Url = "http://127.0.0.1:5090/api/rooms/kitchen/lights/on", Status = status, LatencyMs = 12.3, Outcome = outcome, Message = message,
    };

    [Fact]
    public async Task ActionsPage_HttpAction_ShowsTheProductCallItMade()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        var requestId = Guid.NewGuid().ToString();
        await AddAsync(new ActionLogEntry
        {
            Id = Guid.NewGuid().ToString("N")[..26], UserId = ann.Id, Action = "turn_on_lights", RequestId = requestId,
            Fields = """{"room":"kitchen"}""", Outcome = ActionOutcomes.Skip, Message = "Room 'kitchen' is offline.",
            CreatedAt = DateTimeOffset.UtcNow, CompletedAt = DateTimeOffset.UtcNow, LatencyMs = 15,
        }, Call(requestId, ann.Id, 409, "skip", "Room 'kitchen' is offline."));

        var page = RenderInCircuit<ActionsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=product-call]")));
        var call = page.Find("[data-testid=product-call]").TextContent;
        Assert.Contains("POST http://127.0.0.1:5090/api/rooms/kitchen/lights/on", call);
        Assert.Contains("409", call);
        Assert.Contains("12.3 ms", call);
        Assert.Contains("Room 'kitchen' is offline.", call);
    }

    [Fact]
    public async Task RequestDetail_ListsTheProductCallsTheRequestCaused()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        var requestId = Guid.NewGuid().ToString();
        await AddAsync(new RequestLogEntry
        {
            At = DateTimeOffset.UtcNow, RequestId = requestId, Method = "POST", Endpoint = "actions/turn_on_lights", UserId = ann.Id,
            Status = 200, LatencyMs = 30,
        }, Call(requestId, ann.Id, 401, "failed", "Access token rejected; refreshing once."), Call(requestId, ann.Id, 201, "success"),
           Call(Guid.NewGuid().ToString(), ann.Id, 500, "failed"));
        await using var db = await Db.CreateDbContextAsync(Ct);
        var id = await db.Set<RequestLogEntry>().Select(e => e.Id).SingleAsync(Ct);

        var page = RenderInCircuit<RequestDetailPage>(p => p.Add(x => x.RequestLogId, id));

        page.WaitForAssertion(() => Assert.Equal(["401", "201"], page.FindAll("[data-testid=product-call-status]").Select(c => c.TextContent.Trim())));
    }
}
