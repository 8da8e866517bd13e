using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.ProductApi.Calls;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.ProductApi;

/// <summary>IFTTT runs an action; AdminPortal calls the product's API on the user's behalf and answers from what it said.</summary>
public sealed class HttpActionTests(ProductApiFactory factory) : IClassFixture<ProductApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> RunAsync(string token, string action, string fields, string requestId)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/ifttt/v1/actions/{action}")
        {
            Content = IftttFactory.Json("""{"actionFields":""" + fields + ""","user":{"timezone":"UTC"},"ifttt_source":{"id":"1","url":"https://ifttt.com/x"} }"""),
        };
        message.Headers.Add("X-Request-ID", requestId);
        return factory.IftttClient(token).SendAsync(message, Ct);
    }

    private async Task<List<ProductCall>> LoggedCallsAsync(string requestId, int atLeast)
    {
        return await IftttFactory.EventuallyAsync(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return await db.Set<ProductCall>().Where(c => c.RequestId == requestId).OrderBy(c => c.Id).ToListAsync(Ct);
        }, calls => calls.Count >= atLeast);
    }

    [Fact]
    public async Task Action_ReachesTheProductOnceWithTemplatedBodyAndUserToken_TheProductsIdComesBack()
    {
        var (userId, token, subject) = await factory.CreateProductUserAsync("alice");
        var requestId = Guid.NewGuid().ToString();

        var json = await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", requestId), HttpStatusCode.OK);

        var item = Assert.Single(json.GetProperty("data").EnumerateArray());
        var call = Assert.Single(factory.Product.Calls, c => c.IdempotencyKey == requestId);
        Assert.Equal(subject, call.Subject); // the user's own product token
        Assert.Equal("/api/rooms/kitchen/lights/on", call.Path);
        Assert.True(call.SignatureValid, "the call carries a Standard Webhooks signature the product verifies");
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal("warm", body.RootElement.GetProperty("color").GetString());
        Assert.Equal(subject, body.RootElement.GetProperty("requested_by").GetString());
        Assert.Equal($"Lights on in kitchen (IFTTT request {requestId})", body.RootElement.GetProperty("note").GetString());
        Assert.StartsWith("cmd_", item.GetProperty("id").GetString());
        Assert.EndsWith($"/api/commands/{item.GetProperty("id").GetString()}", item.GetProperty("url").GetString());

        var logged = Assert.Single(await LoggedCallsAsync(requestId, 1));
        Assert.Equal((userId, "POST", 201, "success"), (logged.UserId, logged.Method, logged.Status, logged.Outcome));
        Assert.Equal($"{factory.Product.BaseUrl}api/rooms/kitchen/lights/on", logged.Url);
        Assert.DoesNotContain(call.Authorization![7..], JsonSerializer.Serialize(logged));
    }

    [Theory]
    [InlineData("../../_admin/users")]
    [InlineData("kitchen/../../../_admin")]
    [InlineData("..")]
    public async Task Action_TraversalInAFieldValue_SkipsAndNothingIsSent(string room)
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");
        var requestId = Guid.NewGuid().ToString();

        var json = await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", JsonSerializer.Serialize(new { room }), requestId), HttpStatusCode.BadRequest);

        Assert.Equal("SKIP", json.GetProperty("errors")[0].GetProperty("status").GetString());
        Assert.DoesNotContain(factory.Product.Calls, c => c.IdempotencyKey == requestId);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("kitchen?admin=1")]
    [InlineData("kitchen\r\nHost: evil.example")]
    public async Task Action_HostileFieldValue_StaysOneSegmentOnTheProduct(string room)
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");
        var requestId = Guid.NewGuid().ToString();

        var json = await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", JsonSerializer.Serialize(new { room }), requestId), HttpStatusCode.BadRequest);

        // The product saw one unknown room (its 404 → SKIP), at the path the template declares.
        Assert.Equal("SKIP", json.GetProperty("errors")[0].GetProperty("status").GetString());
        var call = Assert.Single(factory.Product.Calls, c => c.IdempotencyKey == requestId);
        Assert.StartsWith("/api/rooms/", call.Path);
        Assert.EndsWith("/lights/on", call.Path);
        Assert.Equal(5, call.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Action_RetriedWithTheSameRequestId_DoesNotCallTheProductTwice()
    {
        var (_, token, subject) = await factory.CreateProductUserAsync("alice");
        var requestId = Guid.NewGuid().ToString();

        var first = await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"garage"}""", requestId), HttpStatusCode.OK);
        var second = await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"garage"}""", requestId), HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("data")[0].GetProperty("id").GetString(), second.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Single(factory.Product.Calls, c => c.IdempotencyKey == requestId);
    }

    [Fact]
    public async Task Action_Product422_SkipsWithTheProductsMessage()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("bob");

        var json = await HttpAssert.JsonAsync(await RunAsync(token, "add_log_entry", """{"message":"   "}""", Guid.NewGuid().ToString()), HttpStatusCode.BadRequest);

        var error = json.GetProperty("errors")[0];
        Assert.Equal("SKIP", error.GetProperty("status").GetString());
        Assert.Equal("A note needs some text.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Action_AnotherUsersRoom_SkipsWithTheProducts404Message()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("bob");

        var json = await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", Guid.NewGuid().ToString()), HttpStatusCode.BadRequest);

        Assert.Equal("SKIP", json.GetProperty("errors")[0].GetProperty("status").GetString());
        Assert.Equal("Room 'kitchen' does not exist.", json.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Action_Product500ThenOk_IftttErrorThenSuccessOnItsRetry()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");
        var requestId = Guid.NewGuid().ToString();
        factory.Product.QueueFault(new StandInProduct.Fault("/api/rooms/living-room/lights/on", Status: 500));

        var failed = await HttpAssert.ErrorAsync(await RunAsync(token, "turn_on_lights", """{"room":"living-room"}""", requestId), HttpStatusCode.InternalServerError);
        var retried = await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"living-room"}""", requestId), HttpStatusCode.OK);
        var again = await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"living-room"}""", requestId), HttpStatusCode.OK);

        Assert.Equal("Injected 500.", failed);
        Assert.StartsWith("cmd_", retried.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(retried.GetProperty("data")[0].GetProperty("id").GetString(), again.GetProperty("data")[0].GetProperty("id").GetString());
        // The error was retried against the product; the success was not.
        Assert.Equal(2, factory.Product.Calls.Count(c => c.IdempotencyKey == requestId));
        Assert.Equal(["failed", "success"], (await LoggedCallsAsync(requestId, 2)).Select(c => c.Outcome));
    }

    [Fact]
    public async Task Action_TwoRetriesAtOnceAfterAnError_CallTheProductOnce()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");
        var requestId = Guid.NewGuid().ToString();
        factory.Product.QueueFault(new StandInProduct.Fault("/api/rooms/garage/lights/on", Status: 503));
        factory.Product.QueueFault(new StandInProduct.Fault("/api/rooms/garage/lights/on", DelayMs: 500));
        await HttpAssert.ErrorAsync(await RunAsync(token, "turn_on_lights", """{"room":"garage"}""", requestId), HttpStatusCode.InternalServerError);

        var retries = await Task.WhenAll(
            RunAsync(token, "turn_on_lights", """{"room":"garage"}""", requestId),
            RunAsync(token, "turn_on_lights", """{"room":"garage"}""", requestId));

        Assert.Contains(retries, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(2, factory.Product.Calls.Count(c => c.IdempotencyKey == requestId)); // the error, then one retry
    }

    [Fact]
    public async Task Action_ErrorAgainOnRetry_IsRecordedAsAnErrorAndRetriedOnceMore()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");
        var requestId = Guid.NewGuid().ToString();
        factory.Product.QueueFault(new StandInProduct.Fault("/api/rooms/kitchen/lights/on", Status: 500));
        factory.Product.QueueFault(new StandInProduct.Fault("/api/rooms/kitchen/lights/on", Status: 502));

        await HttpAssert.ErrorAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", requestId), HttpStatusCode.InternalServerError);
        await HttpAssert.ErrorAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", requestId), HttpStatusCode.InternalServerError);
        await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", requestId), HttpStatusCode.OK);

        Assert.Equal(3, factory.Product.Calls.Count(c => c.IdempotencyKey == requestId));
    }

    [Fact]
    public async Task Action_ProductSlowerThanTheTimeout_IftttErrorInTime()
    {
        var (_, token, _) = await factory.CreateProductUserAsync("alice");
        factory.Product.QueueFault(new StandInProduct.Fault("/api/rooms/kitchen/lights/on", DelayMs: 6000));
        var watch = Stopwatch.StartNew();

        var message = await HttpAssert.ErrorAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", Guid.NewGuid().ToString()), HttpStatusCode.InternalServerError);

        Assert.True(watch.Elapsed < ProductApiFactory.Timeout + TimeSpan.FromSeconds(1.5), $"answered after {watch.Elapsed}");
        Assert.Contains("did not answer within 2 s", message);
    }

    [Fact]
    public async Task Action_ExpiredProductToken_IsRefreshedAndTheCallSucceeds()
    {
        var (_, token, subject) = await factory.CreateProductUserAsync("alice");
        factory.Product.ExpireAccessTokens(subject);
        var requestId = Guid.NewGuid().ToString();

        await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", requestId), HttpStatusCode.OK);

        var calls = factory.Product.Calls.Where(c => c.IdempotencyKey == requestId).ToList();
        Assert.Equal([null, subject], calls.Select(c => c.Subject)); // rejected, then the refreshed token
        Assert.NotEqual(calls[0].Authorization, calls[1].Authorization);
    }

    [Fact]
    public async Task Action_RefreshRefused_Answers401AndRunsAgainOnceRelinked()
    {
        var (userId, token, subject) = await factory.CreateProductUserAsync("alice");
        factory.Product.RevokeAll(subject);
        var requestId = Guid.NewGuid().ToString();

        var message = await HttpAssert.ErrorAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", requestId), HttpStatusCode.Unauthorized);
        factory.Tokens.Link(userId, subject);
        await HttpAssert.JsonAsync(await RunAsync(token, "turn_on_lights", """{"room":"kitchen"}""", requestId), HttpStatusCode.OK);

        Assert.Contains("invalid_grant", message);
    }
}
