using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using AcmeHome.Api;
using AcmeHome.Storage;
using AcmeHome.Hosting;
using StandardWebhooks;

namespace AcmeHome.Webhooks;

public sealed record WebhookData(string Id, string UserId, string Door, string Room, string OccurredAt);

public sealed record WebhookPayload(string Type, string Timestamp, WebhookData Data);

/// <summary>
/// The product's own outgoing webhooks (Standard Webhooks): every recorded event is POSTed to <c>Webhooks:Url</c>,
/// signed with <c>Webhooks:Secret</c>. One delivery at a time, in event order; a failed attempt (no answer or not
/// 2xx) is retried up to <c>Webhooks:MaxAttempts</c> with doubling delays from <c>Webhooks:RetryDelay</c>, under the
/// same <c>webhook-id</c> (so a receiver can drop repeats) and a fresh timestamp and signature.
/// </summary>
public sealed class WebhookSender(
    IConfiguration configuration, IHttpClientFactory clients, TimeProvider clock, ILogger<WebhookSender> logger)
    : BackgroundService, IEventListener
{
    private readonly Channel<HomeEvent> queue = Channel.CreateUnbounded<HomeEvent>(new() { SingleReader = true });

    private string? Url => configuration["Webhooks:Url"] is { Length: > 0 } url ? url : null;

    public void Recorded(HomeEvent evt)
    {
        if (Url is not null)
        {
            queue.Writer.TryWrite(evt);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var evt in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(evt, stoppingToken);
        }
    }

    private async Task DeliverAsync(HomeEvent evt, CancellationToken ct)
    {
        var url = Url!;
        var signer = new StandardWebhook(configuration["Webhooks:Secret"] ?? AcmeHomeDefaults.WebhookSecret);
        var attempts = Math.Max(1, configuration.GetValue("Webhooks:MaxAttempts", 4));
        var delay = configuration.GetValue("Webhooks:RetryDelay", TimeSpan.FromSeconds(1));
        var messageId = "msg_" + evt.Id;
        var payload = JsonSerializer.Serialize(new WebhookPayload(evt.Type, Json.Time(clock.GetUtcNow()),
            new WebhookData(evt.Id, evt.UserId, evt.DoorId, evt.RoomId, Json.Time(evt.OccurredAt))), Json.Options);

        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", messageId);
            request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", signer.Sign(messageId, now, payload));
            string outcome;
            try
            {
                using var response = await clients.CreateClient(nameof(WebhookSender)).SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                outcome = $"status {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                outcome = e.Message;
            }

            logger.LogWarning("Webhook {MessageId} attempt {Attempt}/{Attempts} to {Url} failed: {Outcome}",
                messageId, attempt, attempts, url, outcome);
            if (attempt < attempts)
            {
                await Task.Delay(delay * Math.Pow(2, attempt - 1), clock, ct);
            }
        }

        logger.LogError("Webhook {MessageId} given up after {Attempts} attempts", messageId, attempts);
    }
}

public static class WebhookExtensions
{
    public static void AddAcmeWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(WebhookSender), c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<IEventListener>(sp => sp.GetRequiredService<WebhookSender>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
    }
}
