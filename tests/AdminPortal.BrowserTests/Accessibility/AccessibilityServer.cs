using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Accessibility;

/// <summary>The app with a known IFTTT service key, so the checks can fill the pages (test/setup, polls) before reading them.</summary>
public sealed class AccessibilityServer : AppServer
{
    public const string ServiceKey = "a11y-service-key";

    public AccessibilityServer() => Settings["Ifttt:ServiceKey"] = ServiceKey;

    /// <summary>
    /// Rows on every list page: IFTTT's test set-up (a test user with events and a token), a poll with
    /// <paramref name="identity"/>, and optionally a refused poll (an error for the Traffic page to show).
    /// </summary>
    public async Task FillAsync(string identity, bool withRefusedPoll = false)
    {
        using var ifttt = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        ifttt.DefaultRequestHeaders.Add("IFTTT-Service-Key", ServiceKey);
        using var setup = await ifttt.PostAsync("/ifttt/v1/test/setup", null);
        setup.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await setup.Content.ReadAsStringAsync());
        ifttt.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            json.RootElement.GetProperty("data").GetProperty("accessToken").GetString());
        using var poll = await ifttt.PostAsync("/ifttt/v1/triggers/door_opened", Json(
            $$"""{"trigger_identity":"{{identity}}","triggerFields":{"door":"front"},"limit":3}"""));
        poll.EnsureSuccessStatusCode();
        if (withRefusedPoll)
        {
            using var refused = await ifttt.PostAsync("/ifttt/v1/triggers/door_opened", Json("""{"triggerFields":{}}"""));
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
