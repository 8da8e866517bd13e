using System.Text.Json.Nodes;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>status, test/setup and user/info: the service key and the test user's token.</summary>
internal static class EndpointChecks
{
    private const string KeyFix =
        "Check IFTTT-Service-Key in constant time on status and test/setup and answer 401 with an errors body otherwise " +
        "(AdminPortal: set the key IFTTT shows on the Service page or Ifttt:ServiceKey).";

    public static async Task RunAsync(PreflightSession s, CancellationToken ct)
    {
        var report = s.Report;
        if (s.Target.ServiceKey is null)
        {
            report.Skip("status: 200 with the service key", "GET", PreflightHttp.ApiPrefix + "status",
                "No service key was given: paste the key from IFTTT's platform on the Service page (or pass --service-key).");
        }
        else
        {
            var ok = await s.Http.IftttAsync(HttpMethod.Get, "status", Credential.Key(s.Target.ServiceKey), ct: ct);
            report.Check("status: 200 with the service key", ok, Expect.Status(ok, 200,
                "status must answer 200 to IFTTT's key. If this is 401, the key given to the preflight is not the one the service " +
                "checks: compare it with IFTTT's platform (Service page → IFTTT service key). A 503 means maintenance or a sunset."));
        }

        var bad = await s.Http.IftttAsync(HttpMethod.Get, "status", Credential.Key(PreflightSession.BadKey), ct: ct);
        report.Check("status: 401 with a bad service key", bad, Expect.First(() => Expect.Status(bad, 401, KeyFix), () => Expect.ErrorsBody(bad)));

        var missing = await s.Http.IftttAsync(HttpMethod.Get, "status", Credential.None, ct: ct);
        report.Check("status: 401 without a service key", missing, Expect.First(() => Expect.Status(missing, 401, KeyFix), () => Expect.ErrorsBody(missing)));

        var badSetup = await s.Http.IftttAsync(HttpMethod.Post, "test/setup", Credential.Key(PreflightSession.BadKey), requestId: false, ct: ct);
        report.Check("test/setup: 401 with a bad service key", badSetup,
            Expect.First(() => Expect.Status(badSetup, 401, KeyFix), () => Expect.ErrorsBody(badSetup)));

        await SetupAsync(s, ct);
        await UserInfoAsync(s, ct);
    }

    private static async Task SetupAsync(PreflightSession s, CancellationToken ct)
    {
        const string test = "test/setup: returns an access token and samples";
        if (s.Target.ServiceKey is null)
        {
            s.Report.Skip(test, "POST", PreflightHttp.ApiPrefix + "test/setup", "No service key was given, and test/setup requires it.");
            return;
        }
        // As IFTTT sends it: no body, no Content-Type, no X-Request-ID.
        var x = await s.Http.IftttAsync(HttpMethod.Post, "test/setup", Credential.Key(s.Target.ServiceKey), requestId: false, ct: ct);
        var data = x.Json?["data"] as JsonObject;
        var missing = s.Service.Triggers.Select(t => t.Slug).Where(slug => data?["samples"]?["triggers"]?[slug] is not JsonObject).ToList();
        var missingActions = s.Service.Actions.Select(a => a.Slug).Where(slug => data?["samples"]?["actions"]?[slug] is not JsonObject).ToList();
        var problem = Expect.First(
            () => Expect.Status(x, 200, x.Status == 401
                ? "test/setup refused the key given to the preflight: it must be the key IFTTT's platform shows, set on the Service page or in Ifttt:ServiceKey."
                : "test/setup must answer 200 with the service key (AdminPortal: see the server log for the error)."),
            () => Expect.That(Expect.String(data?["accessToken"]) is { Length: > 0 }, "data.accessToken is missing.",
                "Answer {\"data\":{\"accessToken\":\"<a working token of a test user>\",\"samples\":{…}}}."),
            () => Expect.That(data?["samples"] is JsonObject, "data.samples is missing.", "Answer the samples for every trigger and action."),
            () => Expect.That(missing.Count == 0, $"samples.triggers has no entry for {string.Join(", ", missing)}.",
                "Give every trigger a sample (AdminPortal: each trigger field's Sample in Service:Triggers)."),
            () => Expect.That(missingActions.Count == 0, $"samples.actions has no entry for {string.Join(", ", missingActions)}.",
                "Give every action a sample (AdminPortal: each action field's Sample in Service:Actions)."));
        if (s.Report.Check(test, x, problem))
        {
            s.AccessToken = Expect.String(data!["accessToken"]);
            s.Samples = (JsonObject)data["samples"]!.DeepClone();
        }
    }

    private static async Task UserInfoAsync(PreflightSession s, CancellationToken ct)
    {
        if (!s.SkippedWithoutToken("user/info: 200 with the token", "GET", "user/info"))
        {
            var x = await s.Http.IftttAsync(HttpMethod.Get, "user/info", Credential.Token(s.AccessToken), ct: ct);
            var data = x.Json?["data"];
            var passed = s.Report.Check("user/info: 200 with the token", x, Expect.First(
                () => Expect.Status(x, 200, "user/info must accept the token test/setup returned: it must be a real, working access token."),
                () => Expect.That(Expect.String(data?["id"]) is { Length: > 0 and <= 200 }, "data.id is missing or longer than 200 characters.",
                    "Answer {\"data\":{\"name\":\"…\",\"id\":\"<permanent id, not an email>\"}}."),
                () => Expect.That(Expect.String(data?["name"]) is not null, "data.name is missing.", "Answer the user's display name as data.name.")));
            if (passed)
            {
                s.UserId = Expect.String(data!["id"]);
            }
        }
        var bad = await s.Http.IftttAsync(HttpMethod.Get, "user/info", Credential.Token(PreflightSession.BadToken), ct: ct);
        s.Report.Check("user/info: 401 with a bad token", bad, Expect.First(
            () => Expect.Status(bad, 401, "Validate the bearer token and answer 401 with an errors body when it is not valid."),
            () => Expect.ErrorsBody(bad)));
    }
}
