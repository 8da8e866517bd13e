using AdminPortal.Components.Shared;
using System.Text.Json;
using AdminPortal.Features.Dashboard.Overview;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Dashboard;

/// <summary>The overview's traffic figures leave IFTTT's endpoint tests out, as the README says: set-up and the test user's calls.</summary>
public sealed class OverviewFiguresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Overview_EndpointTestTraffic_IsLeftOutOfRequestsErrorsAndTheTrafficChart()
    {
        await using var app = new IftttFactory();
        var (_, token) = await app.CreateLinkedUserAsync();
        // IFTTT's endpoint tests without their test-mode header: set-up, then the test user's calls, one of them refused.
        var setup = await app.ServiceKeyClient().PostAsync("/ifttt/v1/test/setup", null, Ct);
        Assert.True(setup.IsSuccessStatusCode);
        using var setupJson = JsonDocument.Parse(await setup.Content.ReadAsStringAsync(Ct));
        var testToken = setupJson.RootElement.GetProperty("data").GetProperty("accessToken").GetString();
        await PollAsync(app, testToken, """{"trigger_identity":"t-1","triggerFields":{"door":"front"},"limit":3}""");
        await PollAsync(app, testToken, """{"triggerFields":{}}""");
        // One real poll.
        await PollAsync(app, token, """{"trigger_identity":"real-1","triggerFields":{"door":"front"},"limit":3}""");

        var figures = await IftttFactory.EventuallyAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OverviewQueries>().LoadAsync(AdminTimeZone.Utc, Ct);
        }, f => f.Requests24h >= 1);

        Assert.Equal(1, figures.Requests24h);
        Assert.Equal(0, figures.Errors24h);
        await using var scope = app.Services.CreateAsyncScope();
        var charts = await scope.ServiceProvider.GetRequiredService<OverviewChartQueries>().LoadAsync(OverviewChartQueries.DayHours, Ct);
        Assert.Equal(1, charts.Traffic.Sum(h => h.Polls));
        Assert.Equal(0, charts.Traffic.Sum(h => h.Errors));
    }

    private static async Task PollAsync(IftttFactory app, string? token, string body) =>
        await app.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json(body), Ct);
}
