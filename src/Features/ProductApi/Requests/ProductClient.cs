using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AdminPortal.Features.ProductApi.Calls;
using AdminPortal.Features.ProductLink;
using AdminPortal.Features.Telemetry;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.ProductApi.Requests;

/// <param name="Purpose">What the call is for, as the call log shows it (e.g. <c>action turn_on_lights</c>).</param>
/// <param name="RequestId">IFTTT's X-Request-ID that caused the call, so the dashboard can link the two.</param>
/// <param name="IdempotencyKey">Sent as <c>Idempotency-Key</c> (actions forward the X-Request-ID).</param>
public sealed record ProductCallContext(string Purpose, string? UserId, string? RequestId, string? IdempotencyKey = null);

/// <summary>
/// Sends declared requests to the product: renders them, adds the credential (the user's product token, refreshed once
/// when the product answers 401, or the service token), signs them when configured, gives up at the timeout, and
/// records every HTTP attempt in the call log. Never throws for a product failure: the outcome says what happened;
/// only the caller's own cancellation (IFTTT hung up) propagates.
/// </summary>
public sealed class ProductClient(
    IHttpClientFactory httpFactory,
    IOptions<ProductOptions> product,
    IOptions<ProductRequestOptions> options,
    IServiceProvider services,
    ProductCallWriter calls,
    AppMetrics metrics,
    TimeProvider clock)
{
    public const string HttpClientName = "product";
    private const string NotSent = "(not sent)";

    public async Task<ProductResponse> SendAsync(DeclaredRequest request, IReadOnlyDictionary<string, object?> model, ProductCallContext call, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (!Uri.TryCreate(product.Value.ApiBaseUrl, UriKind.Absolute, out var baseUrl))
        {
            return await RecordAsync(call, request.Method, NotSent, started, ProductCallOutcome.Refused, null, "Product:ApiBaseUrl is not configured.");
        }
        RenderedRequest rendered;
        try
        {
            rendered = RequestRenderer.Render(request, model, baseUrl);
        }
        catch (RequestRefusedException ex)
        {
            return await RecordAsync(call, request.Method, NotSent, started, ProductCallOutcome.Refused, null, ex.Message);
        }

        // One deadline for the whole call (token refresh and the retry after a 401 included): IFTTT waits for all of it.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(request.Timeout ?? product.Value.Timeout);
        var url = CallUrl.ForLog(rendered.Url);
        string? token = null;
        try
        {
            token = await CredentialAsync(request.Auth, call.UserId, deadline.Token);
            for (var attempt = 1; ; attempt++)
            {
                var attemptStarted = Stopwatch.GetTimestamp();
                using var message = Message(rendered, token, call.IdempotencyKey);
                using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(message, HttpCompletionOption.ResponseContentRead, deadline.Token);
                var body = await ReadJsonAsync(response, deadline.Token);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Unauthorized && request.Auth == RequestAuth.User && attempt == 1)
                {
                    await RecordAsync(call, request.Method, url, attemptStarted, ProductCallOutcome.Failed, status, "Access token rejected; refreshing once.");
                    token = await services.GetRequiredService<IProductTokens>().RefreshAfterRejectionAsync(call.UserId!, token!, deadline.Token);
                    continue;
                }
                var outcome = response.IsSuccessStatusCode ? ProductCallOutcome.Success
                    : request.SkipStatuses.Contains(status) ? ProductCallOutcome.Skip
                    : ProductCallOutcome.Failed;
                var text = outcome == ProductCallOutcome.Success ? "" : ResponseReader.Text(body, request.Response.Message) ?? $"The product answered {status} {response.ReasonPhrase}.";
                return (await RecordAsync(call, request.Method, url, attemptStarted, outcome, status, text, body, started))
                    with { RetryAfter = RetryAfterOf(response) };
            }
        }
        catch (RequestRefusedException ex)
        {
            return await RecordAsync(call, request.Method, url, started, ProductCallOutcome.Refused, null, ex.Message);
        }
        catch (ProductLinkBrokenException ex)
        {
            return await RecordAsync(call, request.Method, url, started, ProductCallOutcome.LinkBroken, null, ex.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return await RecordAsync(call, request.Method, url, started, ProductCallOutcome.Timeout, null,
                $"The product did not answer within {(request.Timeout ?? product.Value.Timeout).TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            return await RecordAsync(call, request.Method, url, started, ProductCallOutcome.NetworkError, null, $"The product could not be reached ({ex.HttpRequestError}).");
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // HttpClient's own header validation: refused rather than sent half-formed.
            return await RecordAsync(call, request.Method, url, started, ProductCallOutcome.Refused, null, ex.Message);
        }
    }

    private async Task<string?> CredentialAsync(RequestAuth auth, string? userId, CancellationToken ct)
    {
        switch (auth)
        {
            case RequestAuth.User:
                if (userId is null || services.GetService<IProductTokens>() is not { } tokens)
                {
                    throw new ProductLinkBrokenException("This account is not linked to the product.");
                }
                return await tokens.GetAccessTokenAsync(userId, ct);
            case RequestAuth.Service:
                return options.Value.ServiceToken is { Length: > 0 } service
                    ? service
                    : throw new InvalidOperationException("Product:ServiceToken is not configured.");
            default:
                return null;
        }
    }

    private HttpRequestMessage Message(RenderedRequest rendered, string? token, string? idempotencyKey)
    {
        var message = new HttpRequestMessage(rendered.Method, rendered.Url);
        if (rendered.Body is not null)
        {
            message.Content = new ByteArrayContent(rendered.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in rendered.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && message.Content is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                message.Headers.Add(name, value); // validates the value once more
            }
        }
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", RequestRenderer.HeaderValue("Idempotency-Key", idempotencyKey));
        }
        if (options.Value.Signing.Secret is { Length: > 0 } secret)
        {
            foreach (var (name, value) in new RequestSigner(secret).Headers(rendered.Body, clock.GetUtcNow()))
            {
                message.Headers.Add(name, value);
            }
        }
        return message;
    }

    /// <summary>Retry-After as seconds or an HTTP date (RFC 9110), as a delay from now.</summary>
    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (bytes.Length == 0)
        {
            return default;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default; // an HTML error page from a proxy, say: the status still decides
        }
    }

    private async Task<ProductResponse> RecordAsync(ProductCallContext call, HttpMethod method, string url, long attemptStarted,
        ProductCallOutcome outcome, int? status, string message, JsonElement body = default, long? callStarted = null)
    {
        var elapsed = Stopwatch.GetElapsedTime(attemptStarted);
        var latency = Math.Round(elapsed.TotalMilliseconds, 2);
        var outcomeName = outcome.ToString().ToLowerInvariant();
        metrics.ProductCall(PurposeKind(call.Purpose), outcomeName, elapsed);
        await calls.EnqueueAsync(new ProductCall
        {
            At = clock.GetUtcNow(),
            Purpose = Truncate(call.Purpose, 200)!,
            UserId = call.UserId,
            RequestId = Truncate(call.RequestId, 100),
            Method = method.Method,
            Url = url,
            Status = status,
            LatencyMs = latency,
            Outcome = outcomeName,
            Message = Truncate(message, 1000),
        });
        var total = callStarted is { } s ? Math.Round(Stopwatch.GetElapsedTime(s).TotalMilliseconds, 2) : latency;
        return new ProductResponse(outcome, status, body, message, total);
    }

    /// <summary>The purpose's first word (<c>action</c>, <c>options</c>, …): a metric tag of few values, not the slug.</summary>
    private static string PurposeKind(string purpose) => purpose.AsSpan()[..Math.Max(0, purpose.IndexOf(' '))] switch
    {
        "action" => "action",
        "options" => "options",
        "validate" => "validate",
        "query" => "query",
        "poll" => "poll",
        _ => "other",
    };

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
