using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminPortal.Features.Secrets;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Realtime;

/// <summary>The outcome of one POST to IFTTT's Realtime API.</summary>
public sealed record RealtimeCallResult(int? StatusCode, TimeSpan Latency, TimeSpan? RetryAfter, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>Timeouts, network errors, 5xx and 429 are worth another try; other 4xx never will be.</summary>
    public bool Retryable => StatusCode is null or >= 500 or (int)HttpStatusCode.TooManyRequests;
}

/// <summary>Makes the call of protocol §5: <c>POST {url}/v1/notifications</c> with the service key.</summary>
public sealed class RealtimeSender(IHttpClientFactory httpClients, ISecretStore secrets, IOptions<RealtimeOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "ifttt-realtime";

    public const string NoServiceKey = "Not sent: no IFTTT service key is set (paste the key from IFTTT's platform on the Service page).";

    public async Task<RealtimeCallResult> SendAsync(string requestId, IReadOnlyList<RealtimeEntry> entries, CancellationToken ct)
    {
        var settings = options.Value;
        if (await secrets.GetAsync(SecretNames.ServiceKey, ct) is not { } serviceKey)
        {
            // Not sent, and retried like a network failure: the batch goes out once an admin sets the key.
            return new RealtimeCallResult(null, TimeSpan.Zero, null, NoServiceKey);
        }
        var client = httpClients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.Url.TrimEnd('/') + "/"), "v1/notifications"));
        request.Headers.Add("IFTTT-Service-Key", serviceKey);
        request.Headers.Add("X-Request-ID", requestId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new StringContent(Body(entries), Encoding.UTF8, "application/json");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.RequestTimeout);
        var started = clock.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var latency = clock.GetElapsedTime(started);
            var body = response.IsSuccessStatusCode ? null : Truncate(await response.Content.ReadAsStringAsync(timeout.Token));
            return new RealtimeCallResult((int)response.StatusCode, latency, RetryAfter(response), body);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            var what = ex is OperationCanceledException ? $"timed out after {settings.RequestTimeout.TotalSeconds:0.#} s" : ex.Message;
            return new RealtimeCallResult(null, clock.GetElapsedTime(started), null, Truncate(what));
        }
    }

    /// <summary><c>{"data":[{"trigger_identity":"…"},{"user_id":"…"}]}</c></summary>
    private static string Body(IReadOnlyList<RealtimeEntry> entries)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("data");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString(entry.IsUser ? "user_id" : "trigger_identity", entry.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        return header?.Date is { } date ? date - clock.GetUtcNow() : null;
    }

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] : text;
}

/// <summary>One entry of a realtime request: a trigger identity, or a user id.</summary>
public readonly record struct RealtimeEntry(string Value, bool IsUser)
{
    /// <summary>A notification names a trigger identity, or else a user.</summary>
    public static RealtimeEntry Of(string? triggerIdentity, string? userId) =>
        triggerIdentity is { } identity ? new(identity, false) : new(userId!, true);
}
