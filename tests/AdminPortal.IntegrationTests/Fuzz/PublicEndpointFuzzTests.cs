using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Fuzz;

/// <summary>
/// Every public endpoint, fed a few hundred malformed bodies, content types, methods and headers with valid credentials
/// (so the malformed part reaches the parser, not the key check): never a 5xx, and every refusal in the protocol's own
/// shape — IFTTT's errors body on /ifttt and /api, OAuth's error JSON on /connect. Each case first proves the valid
/// request succeeds, so a broken fixture cannot make the fuzz pass by refusing everything.
/// </summary>
public sealed class PublicEndpointFuzzTests(KestrelIftttFactory factory) : IClassFixture<KestrelIftttFactory>
{
    private const string Source = "\"ifttt_source\":{\"id\":\"fz\",\"url\":\"https://ifttt.com/applets/fz\"},\"user\":{\"timezone\":\"Europe/Paris\"}";

    public static TheoryData<string, string> JsonEndpoints => new()
    {
        { "/ifttt/v1/triggers/door_opened", $$"""{"trigger_identity":"fz-door","triggerFields":{"door":"front"},"limit":5,{{Source}}}""" },
        { "/ifttt/v1/triggers/door_opened/fields/door/options", """{"user":{"timezone":"UTC"}}""" },
        { "/ifttt/v1/triggers/button_pressed/fields/button/validate", """{"value":"blue"}""" },
        { "/ifttt/v1/triggers/button_pressed/validate", """{"values":{"button":"blue"}}""" },
        { "/ifttt/v1/actions/add_log_entry", $$"""{"actionFields":{"message":"hi"},{{Source}}}""" },
        { "/ifttt/v1/actions/turn_on_lights/fields/room/options", "{}" },
        { "/ifttt/v1/queries/list_door_events", """{"queryFields":{"door":"front"},"limit":3}""" },
        { "/ifttt/v1/test/setup", "{}" },
        { "/api/v1/events", """[{"user":"USER","trigger":"door_opened","attributes":{"door":"front","room":"hall"},"ingredients":{"door":"front","room":"hall","opened_at":"2026-12-03T08:00:00Z","snapshot_url":"https://x.example/1.jpg"},"source_id":"fz-1","occurred_at":"2026-12-03T08:00:00Z"}]""" },
    };

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task JsonEndpoint_MalformedBodies_NeverServerError_AlwaysErrorsShape(string path, string validBody)
    {
        var client = await AuthorisedClientAsync();
        validBody = validBody.Replace("USER", await LinkedUserIdAsync());
        var valid = await client.PostAsync(path, Json(Encoding.UTF8.GetBytes(validBody)), Ct);
        Assert.True(valid.IsSuccessStatusCode, $"the valid body was refused: {(int)valid.StatusCode} {await valid.Content.ReadAsStringAsync(Ct)}");

        var failures = new List<string>();
        var bodies = MalformedBodies.Generic().Concat(MalformedBodies.Mutations(validBody)).ToList();
        foreach (var (what, body) in bodies)
        {
            await CheckAsync(failures, what, client.PostAsync(path, Json(body), Ct), ErrorsShape);
        }
        foreach (var (what, contentType) in ContentTypes())
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(validBody));
            if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            await CheckAsync(failures, $"Content-Type {what}", client.PostAsync(path, content, Ct), ErrorsShape);
        }
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Options })
        {
            await CheckAsync(failures, $"method {method}", client.SendAsync(new HttpRequestMessage(method, path), Ct), ErrorsShape);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {bodies.Count + 13} requests to {path} went wrong:\n{string.Join("\n", failures.Take(25))}");
        Assert.True(bodies.Count >= 50, $"only {bodies.Count} bodies: the fuzz lost its corpus");
    }

    [Fact]
    public async Task IftttEndpoints_MalformedHeadersAndPaths_NeverServerError_AlwaysErrorsShape()
    {
        var token = (await factory.CreateLinkedUserAsync()).Token;
        var failures = new List<string>();
        var paths = new[]
        {
            "/ifttt/v1/status", "/ifttt/v1/user/info", "/ifttt/v1/triggers/door_opened/trigger_identity/fz-door",
        };
        var headerSets = HeaderSets(token).ToList();
        using var raw = factory.RawClient();
        foreach (var path in paths)
        {
            var method = path.Contains("trigger_identity") ? HttpMethod.Delete : HttpMethod.Get;
            foreach (var (what, headers) in headerSets)
            {
                var request = new HttpRequestMessage(method, path);
                foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
                await CheckAsync(failures, $"{path} with {what}", raw.SendAsync(request, Ct), ErrorsShape);
            }
        }
        var client = await AuthorisedClientAsync();
        foreach (var path in OddPaths())
        {
            Func<HttpResponseMessage, string, string?> shape = path.Contains("%00") ? KestrelRefusal : ErrorsShape;
            await CheckAsync(failures, $"POST {path}", client.PostAsync(path, Json("{}"u8.ToArray()), Ct), shape);
            await CheckAsync(failures, $"GET {path}", client.GetAsync(path, Ct), shape);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} requests went wrong:\n{string.Join("\n", failures.Take(25))}");
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/connect/revoke")]
    public async Task OAuthEndpoint_MalformedForms_NeverServerError_AlwaysOAuthErrorJson(string path)
    {
        _ = factory.CreateClient();
        var failures = new List<string>();
        var client = factory.CreateClient();
        var forms = MalformedForms().ToList();
        foreach (var (what, body, contentType) in forms)
        {
            var content = new ByteArrayContent(body);
            if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            await CheckAsync(failures, what, client.PostAsync(path, content, Ct), OAuthErrorShape);
        }
        await CheckAsync(failures, "GET", client.GetAsync(path + "?grant_type=refresh_token&refresh_token=x", Ct), OAuthErrorShape);

        Assert.True(failures.Count == 0, $"{failures.Count} of {forms.Count} requests to {path} went wrong:\n{string.Join("\n", failures.Take(25))}");
    }

    [Fact]
    public async Task Authorize_MalformedQueries_NeverServerError()
    {
        var client = factory.RawClient();
        var failures = new List<string>();
        var queries = AuthorizeQueries().ToList();
        foreach (var query in queries)
        {
            // A request without a valid client and redirect URI cannot be redirected back, so OAuth says to show the
            // error to the user: a page, not JSON. The rule here is only: never our failure.
            await CheckAsync(failures, query, client.GetAsync("/connect/authorize?" + query, Ct), (_, _) => null);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {queries.Count} authorize requests went wrong:\n{string.Join("\n", failures.Take(25))}");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> AuthorisedClientAsync()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        client.DefaultRequestHeaders.Add("IFTTT-Service-Key", IftttFactory.ServiceKey);
        client.DefaultRequestHeaders.Add("X-Api-Key", IftttFactory.IngestKey);
        return client;
    }

    private async Task<string> LinkedUserIdAsync() => (await factory.CreateLinkedUserAsync()).UserId;

    private static async Task CheckAsync(List<string> failures, string what, Task<HttpResponseMessage> send, Func<HttpResponseMessage, string, string?> shape)
    {
        HttpResponseMessage response;
        try
        {
            response = await send;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            failures.Add($"{what}: the request failed ({e.GetType().Name}: {e.Message})");
            return;
        }
        var body = await response.Content.ReadAsStringAsync(Ct);
        var status = (int)response.StatusCode;
        var problem = status >= 500 ? "a server error" : shape(response, body);
        if (problem is not null)
        {
            failures.Add($"{what}: {status} — {problem}: {(body.Length > 200 ? body[..200] + "…" : body)}");
        }
    }

    /// <summary>IFTTT's shape: a refusal is JSON with a non-empty errors[0].message; a success is JSON.</summary>
    private static string? ErrorsShape(HttpResponseMessage response, string body)
    {
        if (response.StatusCode == HttpStatusCode.NoContent || (response.IsSuccessStatusCode && body.Length == 0))
        {
            return null;
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return $"Content-Type {response.Content.Headers.ContentType?.MediaType ?? "(none)"}";
        }
        try
        {
            using var json = JsonDocument.Parse(body);
            if (response.IsSuccessStatusCode) return null;
            return json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array &&
                   errors.GetArrayLength() > 0 && errors[0].TryGetProperty("message", out var message) &&
                   message.GetString() is { Length: > 0 }
                ? null
                : "no errors[0].message";
        }
        catch (JsonException)
        {
            return "a body that is not JSON";
        }
    }

    /// <summary>
    /// Kestrel refuses some requests before the app sees them (a NUL in the path): its own
    /// bodiless 400, which is still the client's answer and never a 5xx.
    /// </summary>
    private static string? KestrelRefusal(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.BadRequest ? null : "expected Kestrel's 400";

    /// <summary>OAuth's shape (RFC 6749 §5.2): a refusal is JSON with an error code.</summary>
    private static string? OAuthErrorShape(HttpResponseMessage response, string body)
    {
        if (response.IsSuccessStatusCode) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) &&
                   error.GetString() is { Length: > 0 }
                ? null
                : "no error member";
        }
        catch (JsonException)
        {
            return "a body that is not JSON";
        }
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static IEnumerable<(string What, string? ContentType)> ContentTypes() =>
    [
        ("(none)", null), ("text/plain", "text/plain"), ("form", "application/x-www-form-urlencoded"),
        ("multipart", "multipart/form-data; boundary=zzz"), ("UTF-16 JSON", "application/json; charset=utf-16"),
        ("an unknown charset", "application/json; charset=klingon"), ("garbage", "a/b/c;;=="),
        ("two types", "application/json, text/plain"), ("JSON suffix", "application/vnd.api+json"),
    ];

    private static IEnumerable<(string What, (string Name, string Value)[] Headers)> HeaderSets(string token)
    {
        var key = ("IFTTT-Service-Key", IftttFactory.ServiceKey);
        var bearer = ("Authorization", "Bearer " + token);
        yield return ("no headers", []);
        foreach (var value in new[] { "", " ", "wrong", new string('k', 9000), "ключ", "\u00ff\u00fe", IftttFactory.ServiceKey + " " })
        {
            yield return ($"service key {Describe(value)}", [("IFTTT-Service-Key", value), bearer]);
        }
        foreach (var value in new[] { "", "Bearer", "Bearer ", "Bearer x.y.z", "bearer " + token, "Bearer " + token + "x", "Basic Zm9vOmJhcg==",
                     "Bearer " + new string('a', 12_000), "Bearer " + token + ", Bearer " + token, "Bearer ключ", "Digest a=b" })
        {
            yield return ($"Authorization {Describe(value)}", [key, ("Authorization", value)]);
        }
        foreach (var (name, value) in new[]
                 {
                     ("X-Request-ID", new string('r', 9000)), ("X-Request-ID", "ид"), ("Accept", "text/html"), ("Accept", "a/b;q=zz"),
                     ("Accept-Encoding", "gzip;q=banana, br;q=-1"), ("Accept-Encoding", "identity;q=0, *;q=0"), ("Content-Encoding", "gzip"),
                     ("Content-Length", "99999999999999999999"), ("If-None-Match", "\"" + new string('e', 5000)),
                 })
        {
            yield return ($"{name} {Describe(value)}", [key, bearer, (name, value)]);
        }
    }

    private static IEnumerable<string> OddPaths() =>
    [
        "/ifttt/v1/triggers/no_such_trigger", "/ifttt/v1/triggers/%00", "/ifttt/v1/triggers/..%2f..%2fstatus", "/ifttt/v1/triggers/" + new string('t', 3000),
        "/ifttt/v1/triggers/door_opened/fields/no_such_field/options", "/ifttt/v1/triggers/door_opened/fields/%E2%80%AE/validate",
        "/ifttt/v1/actions/no_such_action", "/ifttt/v1/queries/%F0%9F%98%80", "/ifttt/v1/triggers/door_opened?limit=abc&limit=1",
        "/ifttt/v1/triggers/door_opened/trigger_identity/%ZZ", "/ifttt/v1/nothing/here", "/api/v1/events/extra", "/api/v1/events?%zz=1",
    ];

    private static IEnumerable<(string What, byte[] Body, string? ContentType)> MalformedForms()
    {
        const string form = "application/x-www-form-urlencoded";
        foreach (var text in new[]
                 {
                     "", "grant_type=", "grant_type=refresh_token", "grant_type=refresh_token&refresh_token=", "grant_type=refresh_token&refresh_token=garbage",
                     "grant_type=refresh_token&refresh_token=" + new string('r', 20_000), "grant_type=authorization_code&code=x&redirect_uri=%zz",
                     "grant_type=authorization_code&code=&code_verifier=" + new string('v', 200), "grant_type=password&username=a&password=b",
                     "grant_type=client_credentials&client_id=ifttt&client_secret=wrong", "grant_type=urn:ietf:params:oauth:grant-type:device_code",
                     "grant_type=refresh_token&grant_type=authorization_code", "grant_type=%00", "grant_type=refresh%00_token&refresh_token=a",
                     "grant_type=%C3%28", "grant_type=refresh_token&refresh_token=%ED%A0%80", "%%%%", "=&=&=", "a&b&c", "grant_type=refresh_token&scope=%E2%80%AE",
                     "client_id=ifttt&client_secret=" + new string('s', 10_000), "token=garbage&token_type_hint=refresh_token", "token=&token_type_hint=%00",
                     "grant_type=refresh_token&" + string.Join("&", Enumerable.Range(0, 1500).Select(i => $"f{i}=v")),
                     "grant_type=refresh_token&refresh_token=" + new string('x', 5 * 1024 * 1024),
                 })
        {
            yield return ($"form {Describe(text)}", Encoding.UTF8.GetBytes(text), form);
        }
        yield return ("form with invalid UTF-8 bytes", [.. "grant_type=refresh_token&refresh_token="u8, 0xFF, 0xFE], form);
        yield return ("form with a raw NUL", [.. "grant_type=refresh_token&refresh_token=a"u8, 0x00], form);
        foreach (var (what, contentType) in ContentTypes())
        {
            yield return ($"Content-Type {what}", "grant_type=refresh_token&refresh_token=garbage"u8.ToArray(), contentType);
        }
        yield return ("a JSON body", """{"grant_type":"refresh_token","refresh_token":"x"}"""u8.ToArray(), "application/json");
        yield return ("a broken multipart body", "--zzz\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nrefresh_token"u8.ToArray(), "multipart/form-data; boundary=zzz");
        yield return ("a form with an unknown charset", "grant_type=refresh_token"u8.ToArray(), form + "; charset=klingon");
    }

    private static IEnumerable<string> AuthorizeQueries()
    {
        yield return "";
        yield return "%zz";
        yield return "client_id=ifttt";
        yield return "client_id=ifttt&response_type=code";
        yield return "client_id=nobody&response_type=code&redirect_uri=https://evil.example/cb";
        yield return "client_id=ifttt&response_type=code&redirect_uri=https://evil.example/cb&state=s";
        yield return "client_id=ifttt&response_type=code&redirect_uri=https://ifttt.com/channels/demo_home/authorize&scope=%00";
        yield return "client_id=ifttt&response_type=token&redirect_uri=https://ifttt.com/channels/demo_home/authorize";
        yield return "client_id=ifttt&response_type=code&redirect_uri=https://ifttt.com/channels/demo_home/authorize&code_challenge=x&code_challenge_method=bogus";
        yield return "client_id=ifttt&client_id=other&response_type=code";
        yield return "client_id=" + new string('c', 8000);
        yield return "client_id=%ED%A0%80&response_type=code";
        yield return "redirect_uri=javascript:alert(1)&client_id=ifttt&response_type=code";
        yield return string.Join("&", Enumerable.Range(0, 500).Select(i => $"p{i}=v"));
        yield return "request=eyJhbGciOiJub25lIn0.e30.&client_id=ifttt&response_type=code";
        yield return "prompt=none&max_age=abc&client_id=ifttt&response_type=code";
    }

    private static string Describe(string value) =>
        value.Length == 0 ? "(empty)" : value.Length > 40 ? $"{value[..20]}… ({value.Length} chars)" : value;
}
