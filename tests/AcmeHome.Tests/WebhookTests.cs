using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace AcmeHome.Tests;

public sealed class WebhookTests
{
    private sealed record Received(string Body, HeaderDictionary Headers);

    [Fact]
    public async Task DoorOpened_Webhook_SignedRetriedAndVerifies()
    {
        // A receiver on its own Kestrel port that fails the first attempt.
        var received = new ConcurrentQueue<Received>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            received.Enqueue(new Received(body, new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value))));
            return received.Count == 1 ? Results.StatusCode(503) : Results.NoContent();
        });
        await receiver.StartAsync(Ct);
        var hooks = receiver.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First() + "/hooks";

        await using var server = await AcmeHomeServer.StartAsync(new AcmeHomeOptions
        {
            WebhookUrl = hooks,
            Settings = new Dictionary<string, string> { ["Webhooks:RetryDelay"] = "00:00:00.200" },
        }, Ct);
        var tokens = await server.SignInAsync(ct: Ct);
        using var client = server.CreateApiClient(tokens.AccessToken);
        using var open = await client.PostAsync("api/doors/front/open", null, Ct);
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
        var eventId = JsonDocument.Parse(await open.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (received.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        var attempts = received.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal(attempts[0].Headers["webhook-id"].ToString(), attempts[1].Headers["webhook-id"].ToString());

        var delivered = attempts[1];
        new StandardWebhook(server.Options.WebhookSecret).Verify(delivered.Body, delivered.Headers);
        var payload = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("door.opened", payload.GetProperty("type").GetString());
        var data = payload.GetProperty("data");
        Assert.Equal(eventId, data.GetProperty("id").GetString());
        Assert.Equal("usr_alice", data.GetProperty("user_id").GetString());
        Assert.Equal("front", data.GetProperty("door").GetString());
        Assert.Equal("living-room", data.GetProperty("room").GetString());

        // Tampering breaks the signature.
        Assert.ThrowsAny<Exception>(() =>
            new StandardWebhook(server.Options.WebhookSecret).Verify(delivered.Body.Replace("front", "back"), delivered.Headers));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
