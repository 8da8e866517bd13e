using System.Text.Json.Nodes;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>Every declared action run with test/setup's sample, its SKIP sample, a bad token, and its dropdowns.</summary>
internal static class ActionChecks
{
    public static async Task RunAsync(PreflightSession s, CancellationToken ct)
    {
        foreach (var action in s.Service.Actions)
        {
            var path = $"actions/{action.Slug}";
            if (s.SkippedWithoutToken($"{path}: runs", "POST", path))
            {
                continue;
            }
            var x = await s.Http.IftttAsync(HttpMethod.Post, path, Credential.Token(s.AccessToken),
                PreflightSession.Envelope("actionFields", s.SampleFields("actions", action.Slug)), ct: ct);
            var items = Expect.Items(x);
            s.Report.Check($"{path}: 200 with data[0].id", x, Expect.First(
                () => Expect.Status(x, 200, "The action must succeed with test/setup's sample fields (a 400 SKIP here means the sample itself is refused)."),
                () => Expect.DataArray(x),
                () => Expect.That(items.Count == 1 && Expect.String(items[0]?["id"]) is { Length: > 0 }, "data is not one item with a string id.",
                    "Answer {\"data\":[{\"id\":\"<id of what the action made>\"}]}.")));

            await SkipAsync(s, action.Slug, path, ct);

            await s.BadTokenAsync(path, PreflightSession.Envelope("actionFields", s.SampleFields("actions", action.Slug)), "action", ct);

            await FieldChecks.ActionFieldsAsync(s, action, ct);
        }
    }

    private static async Task SkipAsync(PreflightSession s, string slug, string path, CancellationToken ct)
    {
        const string test = ": the SKIP sample answers 400 with errors[0].status SKIP";
        if (s.Samples["actionRecordSkipping"]?[slug] is not JsonObject fields)
        {
            s.Report.Skip(path + test, "POST", PreflightHttp.ApiPrefix + path,
                "test/setup gave no actionRecordSkipping sample for this action, so IFTTT does not test SKIP for it.");
            return;
        }
        var x = await s.Http.IftttAsync(HttpMethod.Post, path, Credential.Token(s.AccessToken),
            PreflightSession.Envelope("actionFields", fields.DeepClone()), ct: ct);
        var first = x.Json?["errors"]?[0];
        s.Report.Check(path + test, x, Expect.First(
            () => Expect.Status(x, 400, "An action that can never succeed for its input must answer 400 {\"errors\":[{\"status\":\"SKIP\",\"message\":\"…\"}]}; " +
                "this action ran the SKIP sample of test/setup instead of skipping it (AdminPortal: SkipUnlessSeen fields skip values no event reported)."),
            () => Expect.That(Expect.String(first?["status"]) == "SKIP", "errors[0].status is not \"SKIP\".",
                "Put \"status\":\"SKIP\" on the first error, or IFTTT retries the action several times."),
            () => Expect.That(Expect.String(first?["message"]) is { Length: > 0 }, "errors[0].message is missing.", "Say why the action was skipped: IFTTT shows it to the user.")));
    }
}
