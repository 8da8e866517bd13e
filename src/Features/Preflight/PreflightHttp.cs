using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AdminPortal.Features.Preflight;

/// <summary>
/// Sends requests the way IFTTT's servers do: JSON accept headers, gzip, a fresh <c>X-Request-ID</c> (not on
/// test/setup), <c>IFTTT-Test-Mode: 1</c>, a body only with <c>Content-Type: application/json</c>, no redirects followed.
/// </summary>
public sealed class PreflightHttp(HttpClient client, Uri baseUrl)
{
    public const string ApiPrefix = "/ifttt/v1/";

    /// <summary>A client for one run: its own connection pool, no cookies, no redirects, a timeout IFTTT would also give up at.</summary>
    public static HttpClient CreateClient(CookieContainer? cookies = null) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new CookieContainer(),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    }) { Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseUrl => baseUrl;

    /// <summary>A path below the base URL, which may itself have a path (IFTTT appends to the prefix as typed).</summary>
    public Uri At(string pathAndQuery) => new(baseUrl.ToString().TrimEnd('/') + pathAndQuery);

    /// <summary>A call under /ifttt/v1 with the given credentials.</summary>
    public Task<PreflightExchange> IftttAsync(HttpMethod method, string path, Credential credential, JsonNode? body = null,
        bool requestId = true, CancellationToken ct = default)
    {
        var message = new HttpRequestMessage(method, At(ApiPrefix + path));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.AcceptCharset.Add(new StringWithQualityHeaderValue("utf-8"));
        message.Headers.TryAddWithoutValidation("IFTTT-Test-Mode", "1");
        if (requestId)
        {
            message.Headers.TryAddWithoutValidation("X-Request-ID", Guid.NewGuid().ToString());
        }
        credential.Apply(message);
        if (body is not null)
        {
            message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        return SendAsync(message, ct);
    }

    /// <summary>Sends <paramref name="message"/> and reads the whole answer; a connection failure becomes an exchange without a status.</summary>
    public async Task<PreflightExchange> SendAsync(HttpRequestMessage message, CancellationToken ct = default)
    {
        using (message)
        {
            var path = message.RequestUri!.IsAbsoluteUri ? message.RequestUri.PathAndQuery : message.RequestUri.OriginalString;
            try
            {
                using var response = await client.SendAsync(message, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var location = response.Headers.Location;
                return new PreflightExchange(message.Method.Method, path, (int)response.StatusCode, body) { Location = location };
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                return new PreflightExchange(message.Method.Method, path, null, "", ex.Message);
            }
        }
    }
}

/// <summary>The credential on an IFTTT call: the service key (or a wrong one), a bearer token (or a wrong one), or none.</summary>
public sealed record Credential(string? ServiceKey = null, string? Bearer = null)
{
    public static readonly Credential None = new();

    public static Credential Key(string? key) => new(ServiceKey: key);

    public static Credential Token(string? token) => new(Bearer: token);

    public void Apply(HttpRequestMessage message)
    {
        if (ServiceKey is not null)
        {
            message.Headers.TryAddWithoutValidation("IFTTT-Service-Key", ServiceKey);
        }
        if (Bearer is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        }
    }
}
