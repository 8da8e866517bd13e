using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace AdminPortal.Features.Alerts;

/// <summary>
/// POSTs an incident to <c>Alerts:Webhook:Url</c> as a Standard Webhook: <c>{"type","timestamp","data"}</c> signed over
/// <c>id.timestamp.body</c> by the <c>StandardWebhooks</c> package. The <c>webhook-id</c> is the incident and phase, the
/// same on every retry, so a receiver that saw it already can drop the repeat (as the spec asks).
/// </summary>
public sealed class AlertWebhook(IHttpClientFactory httpFactory, IOptions<AlertOptions> options, AlertMessages messages, TimeProvider clock)
{
    public const string HttpClientName = "alerts-webhook";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Webhook.Url);

    public static string MessageId(AlertIncident incident, AlertPhase phase) =>
        $"alert_{incident.Id}_{phase.ToString().ToLowerInvariant()}";

    /// <summary>Throws when the receiver did not answer 2xx in time.</summary>
    public async Task PostAsync(AlertIncident incident, AlertPhase phase, CancellationToken ct)
    {
        var webhook = options.Value.Webhook;
        var now = clock.GetUtcNow();
        var body = JsonSerializer.Serialize(new
        {
            type = phase == AlertPhase.Opened ? "alert.opened" : "alert.cleared",
            timestamp = now,
            data = new
            {
                id = incident.Id, rule = incident.Rule, subject = incident.Subject, summary = incident.Summary, advice = incident.Advice,
                openedAt = incident.OpenedAt, clearedAt = incident.ClearedAt, service = messages.ServiceName, url = messages.PageUrl,
            },
        }, Json);
        var id = MessageId(incident, phase);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(webhook.Secret!).Sign(id, now, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(webhook.Timeout);
        using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the webhook answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }
}
