using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The app with a known IFTTT service key and ingest key, and helpers that speak to it as IFTTT and
/// as the company's product would: real users, real OpenIddict tokens, real HTTP.
/// </summary>
public class IftttFactory : AdminPortalFactory
{
    public const string ServiceKey = "test-service-key-0123456789";
    public const string IngestKey = "test-ingest-key-0123456789";

    public IftttFactory() : this(NewDataDirectory()) { }

    private IftttFactory(string dataDirectory) : base(dataDirectory)
    {
        Settings["Ifttt:ServiceKey"] = ServiceKey;
        Settings["Ingest:ApiKeys:0"] = IngestKey;
    }

    /// <summary>Several factories over the same directory share one database, as restarts of one install would.</summary>
    public static new IftttFactory OverDirectory(string dataDirectory) => new(dataDirectory);

    /// <summary>A new end user and a real access token for them.</summary>
    public async Task<(string UserId, string Token)> CreateLinkedUserAsync(string? externalId = null)
    {
        _ = CreateClient(); // starts the host: migrations, the IFTTT client registration
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"user-{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, ExternalId = externalId, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return (user.Id, await IssueTokenAsync(user.Id));
    }

    public async Task<string> IssueTokenAsync(string userId)
    {
        await using var scope = Services.CreateAsyncScope();
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        var tokens = await scope.ServiceProvider.GetRequiredService<IAccessTokenIssuer>().IssueAsync(userId, request);
        return tokens.AccessToken;
    }

    /// <summary>A client as IFTTT's servers: bearer token (when given), a fresh X-Request-ID per request.</summary>
    public HttpClient IftttClient(string? token = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public HttpClient ServiceKeyClient()
    {
        var client = IftttClient();
        client.DefaultRequestHeaders.Add("IFTTT-Service-Key", ServiceKey);
        return client;
    }

    /// <summary>Stores events through the real ingest API and returns their ids; fails the test on anything but 200.</summary>
    public async Task<List<string>> IngestAsync(object events)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", IngestKey);
        var response = await client.PostAsJsonAsync("/api/v1/events", events);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ingest answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
    }

    public static object DoorEvent(string user, string door, DateTimeOffset at, string room = "hall", string? sourceId = null) => new
    {
        user,
        trigger = "door_opened",
        attributes = new { door, room },
        ingredients = new { door, room, opened_at = at.ToString("o"), snapshot_url = "https://example.com/snap.jpg" },
        occurred_at = at.ToString("o"),
        source_id = sourceId,
    };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Background writers (identities, request log) apply changes shortly after the response: wait for them.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done) => EventuallyAsync(probe, done, TimeSpan.FromSeconds(10));

    /// <param name="within">How long to keep probing; a Hangfire job's run (queue poll, worker, commit) needs more on a loaded machine.</param>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(50);
        }
    }
}
