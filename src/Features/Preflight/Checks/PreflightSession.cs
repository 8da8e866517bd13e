using System.Text.Json.Nodes;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>What the tests of one run share: the target, the declaration, and what test/setup and user/info answered.</summary>
internal sealed class PreflightSession(PreflightHttp http, PreflightTarget target, DeclaredService service)
{
    public const string BadToken = "preflight-invalid-token";
    public const string BadKey = "preflight-invalid-service-key";

    public PreflightHttp Http { get; } = http;
    public PreflightTarget Target { get; } = target;
    public DeclaredService Service { get; } = service;
    public PreflightReport Report { get; } = new();

    /// <summary>The test user's token from test/setup; null when test/setup failed (the user tests are then skipped).</summary>
    public string? AccessToken { get; set; }

    public JsonObject Samples { get; set; } = [];

    /// <summary>user/info's id: the Realtime API's user_id.</summary>
    public string? UserId { get; set; }

    /// <summary>What every request of IFTTT carries besides the fields: the user's time zone and the Applet's source.</summary>
    public static JsonObject Envelope(string fieldsMember, JsonNode fields) => new()
    {
        [fieldsMember] = fields,
        ["user"] = new JsonObject { ["timezone"] = "UTC" },
        ["ifttt_source"] = new JsonObject { ["id"] = "preflight", ["url"] = "https://ifttt.com/applets/preflight" },
    };

    /// <summary>The sample field values test/setup gave for <paramref name="slug"/> in <paramref name="group"/> (e.g. triggers).</summary>
    public JsonObject SampleFields(string group, string slug) =>
        Samples[group]?[slug] is JsonObject fields ? (JsonObject)fields.DeepClone() : [];

    /// <summary>IFTTT's "401 with a bad token" test of a user endpoint: the same request with a token no server issued.</summary>
    public async Task BadTokenAsync(string path, JsonObject body, string what, CancellationToken ct)
    {
        var bad = await Http.IftttAsync(HttpMethod.Post, path, Credential.Token(BadToken), body, ct: ct);
        Report.Check($"{path}: 401 with a bad token", bad, Expect.First(
            () => Expect.Status(bad, 401, $"Validate the bearer token on every {what} and answer 401 with an errors body."), () => Expect.ErrorsBody(bad)));
    }

    /// <summary>Without test/setup's token a user endpoint cannot be tested: records <paramref name="test"/> as skipped and says so.</summary>
    public bool SkippedWithoutToken(string test, string method, string path)
    {
        if (AccessToken is not null)
        {
            return false;
        }
        Report.Skip(test, method, PreflightHttp.ApiPrefix + path, "test/setup gave no access token, so the tests of user endpoints cannot run: fix test/setup first.");
        return true;
    }
}
