using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AdminPortal.Bench.Seeding;
using AdminPortal.Features.Timelines;

namespace AdminPortal.Bench.Scenarios;

/// <summary>Requests shaped like IFTTT's (and like the company's product's ingest calls).</summary>
public static class Requests
{
    public static HttpRequestMessage Status()
    {
        var request = Ifttt(HttpMethod.Get, "ifttt/v1/status", token: null);
        request.Headers.Add("IFTTT-Service-Key", AppSettings.ServiceKey);
        return request;
    }

    /// <summary>A poll of one of the user's door identities, as IFTTT sends it.</summary>
    public static HttpRequestMessage Poll(BenchUser user, BenchIdentity identity, int limit = 50) => Poll(user, identity, user.Token, limit);

    /// <summary>The same poll with another of the user's access tokens (e.g. one a refresh just minted).</summary>
    public static HttpRequestMessage Poll(BenchUser user, BenchIdentity identity, string accessToken, int limit = 50)
    {
        var request = Ifttt(HttpMethod.Post, $"ifttt/v1/triggers/{identity.Trigger}", accessToken);
        request.Content = Body($$$"""
            {"trigger_identity":"{{{identity.Id}}}","triggerFields":{"{{{identity.Field}}}":"{{{identity.Value}}}"},"limit":{{{limit}}},"user":{"timezone":"Europe/Berlin"},"ifttt_source":{"id":"{{{user.Index}}}","url":"https://ifttt.com/myrecipes/personal/{{{user.Index}}}"}}
            """);
        return request;
    }

    public static HttpRequestMessage Action(BenchUser user, long sequence)
    {
        var request = Ifttt(HttpMethod.Post, $"ifttt/v1/actions/{DemoService.AddLogEntry}", user.Token);
        request.Content = Body($$$"""
            {"actionFields":{"message":"bench entry {{{sequence}}}"},"user":{"timezone":"Europe/Berlin"},"ifttt_source":{"id":"{{{user.Index}}}","url":"https://ifttt.com/myrecipes/personal/{{{user.Index}}}"}}
            """);
        return request;
    }

    /// <summary>GET user/info: IFTTT's check of whose connection a token is.</summary>
    public static HttpRequestMessage UserInfo(string accessToken) => Ifttt(HttpMethod.Get, "ifttt/v1/user/info", accessToken);

    /// <summary>A refresh-token grant as IFTTT sends it: client credentials in the form body.</summary>
    public static HttpRequestMessage Refresh(string refreshToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "connect/token");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
            ["client_id"] = "ifttt", ["client_secret"] = AppSettings.ClientSecret,
        });
        return request;
    }

    public static HttpRequestMessage Ingest(IEnumerable<string> events, bool array)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/events");
        request.Headers.Add("X-Api-Key", AppSettings.IngestKey);
        request.Content = Body(array ? "[" + string.Join(',', events) + "]" : events.Single());
        return request;
    }

    /// <summary>One door event for the user, now, with a unique source id (the product's own event id).</summary>
    public static string DoorEvent(string userId, string door, Random random)
    {
        var now = DateTimeOffset.UtcNow;
        var at = EventIngredients.FormatDate(now);
        var room = DemoService.Rooms[random.Next(DemoService.Rooms.Length)];
        var ms = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return $$$"""
            {"user":"{{{userId}}}","trigger":"door_opened","attributes":{"door":"{{{door}}}","room":"{{{room}}}"},"ingredients":{"door":"{{{door}}}","room":"{{{room}}}","opened_at":"{{{at}}}","snapshot_url":"https://cams.example.com/{{{door}}}/{{{ms}}}.jpg"},"source_id":"bench-{{{Guid.NewGuid():N}}}","occurred_at":"{{{at}}}"}
            """;
    }

    private static HttpRequestMessage Ifttt(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.AcceptCharset.Add(new StringWithQualityHeaderValue("utf-8"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("deflate"));
        request.Headers.Add("X-Request-ID", Guid.NewGuid().ToString());
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private static ByteArrayContent Body(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }
}
