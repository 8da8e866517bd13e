using System.Text.Json.Nodes;
using AdminPortal.Features.Preflight;
using AdminPortal.Features.Preflight.Checks;

namespace AdminPortal.IntegrationTests.Preflight;

/// <summary>IFTTT's endpoint tests run by the preflight over real HTTP against the demo service on Kestrel.</summary>
public sealed class PreflightEndpointTests
{
    private static readonly string[] SkippedWithoutAuthAndRealtime = [.. PreflightFactory.AlwaysSkipped, .. AuthChecks.Names];

    [Fact]
    public async Task DemoService_EveryEndpointTestPasses()
    {
        await using var factory = new PreflightFactory();

        var results = await factory.RunAsync();

        PreflightAssert.Green(results, SkippedWithoutAuthAndRealtime);
        Assert.Contains(results, r => r.Test == "triggers/door_opened: returns at least three items");
        Assert.Contains(results, r => r.Test == "triggers/button_pressed/fields/button/validate: refuses the invalid sample with a message");
        Assert.Contains(results, r => r.Test == "actions/turn_on_lights: the SKIP sample answers 400 with errors[0].status SKIP");
        Assert.Contains(results, r => r.Test == "queries/list_door_events: walks its cursor");
        Assert.Contains(results, r => r.Test == "triggers/door_opened: DELETE of a trigger identity");
        var status = Assert.Single(results, r => r.Test == "status: 200 with the service key");
        Assert.Equal(("GET", "/ifttt/v1/status", 200), (status.Method, status.Path, status.Status));
    }

    [Fact]
    public async Task WrongServiceKey_FailsStatusAndSkipsTheUserTestsWithAReason()
    {
        await using var factory = new PreflightFactory();

        var results = await factory.RunAsync(factory.Target() with { ServiceKey = "not-the-key" });

        var status = Assert.Single(results, r => r.Test == "status: 200 with the service key");
        Assert.Equal(PreflightOutcome.Failed, status.Outcome);
        Assert.Equal("Expected 200, got 401.", status.Why);
        Assert.StartsWith("401 {\"errors\"", status.Excerpt);
        Assert.Contains("compare it with IFTTT's platform", status.Fix);
        var poll = Assert.Single(results, r => r.Test == "triggers/door_opened: polls");
        Assert.Equal(PreflightOutcome.Skipped, poll.Outcome);
        Assert.Contains("test/setup", poll.Why);
    }

    [Fact]
    public async Task TriggerReturningTwoItems_FailsAtLeastThreeItems()
    {
        await using var factory = new PreflightFactory
        {
            Broken = new AnswerRewriter(r => r.Path == "/ifttt/v1/triggers/door_opened", (_, status, body) =>
            {
                var json = JsonNode.Parse(body)!;
                if (status != 200 || json["data"] is not JsonArray { Count: > 2 } items)
                {
                    return null;
                }
                while (items.Count > 2)
                {
                    items.RemoveAt(items.Count - 1);
                }
                return (200, json.ToJsonString());
            }),
        };

        var failed = PreflightAssert.FailsOnly(await factory.RunAsync(), "triggers/door_opened: returns at least three items");

        Assert.Equal("The poll returned 2 items; IFTTT's test needs at least 3.", failed.Why);
        Assert.Contains("test/setup must leave at least three events", failed.Fix);
    }

    [Fact]
    public async Task StringTimestamps_FailTheMetaTest()
    {
        await using var factory = new PreflightFactory
        {
            Broken = new AnswerRewriter(r => r.Path == "/ifttt/v1/triggers/button_pressed", (_, status, body) =>
            {
                if (status != 200 || JsonNode.Parse(body)!["data"] is not JsonArray items)
                {
                    return null;
                }
                foreach (var meta in items.Select(i => i!["meta"]!))
                {
                    meta["timestamp"] = meta["timestamp"]!.ToJsonString();
                }
                return (200, new JsonObject { ["data"] = items.DeepClone() }.ToJsonString());
            }),
        };

        var results = await factory.RunAsync();

        var failed = PreflightAssert.FailsOnly(results, "triggers/button_pressed: meta.id and meta.timestamp on every item");
        Assert.Matches("""^Item 0's meta.timestamp is "\d+", not an integer\.$""", failed.Why);
        Assert.Contains("integer number of Unix seconds", failed.Fix);
    }

    [Fact]
    public async Task ActionIgnoringSkip_FailsTheSkipTest()
    {
        await using var factory = new PreflightFactory
        {
            Broken = new AnswerRewriter(r => r.Path == "/ifttt/v1/actions/turn_on_lights",
                (_, status, _) => status == 400 ? (200, """{"data":[{"id":"ran-anyway"}]}""") : null),
        };

        var failed = PreflightAssert.FailsOnly(await factory.RunAsync(), "actions/turn_on_lights: the SKIP sample answers 400 with errors[0].status SKIP");

        Assert.Equal("Expected 400, got 200.", failed.Why);
        Assert.Equal("""200 {"data":[{"id":"ran-anyway"}]}""", failed.Excerpt);
        Assert.Contains("ran the SKIP sample", failed.Fix);
    }
}
