using System.Text.Json;
using System.Text.Json.Nodes;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>Dropdown options of trigger, action and query fields, and trigger field validation with test/setup's samples.</summary>
internal static class FieldChecks
{
    public static async Task TriggerFieldsAsync(PreflightSession s, TriggerDefinition trigger, CancellationToken ct)
    {
        await OptionsAsync(s, "triggers", trigger, ct);
        foreach (var field in trigger.Fields.Where(f => f.HasValidation))
        {
            var path = $"triggers/{trigger.Slug}/fields/{field.Slug}/validate";
            var sample = s.Samples["triggerFieldValidations"]?[trigger.Slug]?[field.Slug];
            if (Expect.String(sample?["valid"]) is not { } valid || Expect.String(sample?["invalid"]) is not { } invalid)
            {
                s.Report.Skip($"{path}: validates", "POST", PreflightHttp.ApiPrefix + path,
                    "test/setup gave no triggerFieldValidations sample for this field (AdminPortal: set Sample and InvalidSample).");
                continue;
            }
            await ValidateAsync(s, path, valid, expectValid: true, ct);
            await ValidateAsync(s, path, invalid, expectValid: false, ct);
        }
    }

    public static Task ActionFieldsAsync(PreflightSession s, ActionDefinition action, CancellationToken ct) => OptionsAsync(s, "actions", action, ct);

    public static Task QueryFieldsAsync(PreflightSession s, QueryDefinition query, CancellationToken ct) => OptionsAsync(s, "queries", query, ct);

    private static async Task ValidateAsync(PreflightSession s, string path, string value, bool expectValid, CancellationToken ct)
    {
        var body = new JsonObject { ["value"] = value };
        var x = await s.Http.IftttAsync(HttpMethod.Post, path, Credential.Token(s.AccessToken), body, ct: ct);
        var data = x.Json?["data"];
        var isValid = data?["valid"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : (bool?)null;
        s.Report.Check($"{path}: {(expectValid ? "accepts the valid sample" : "refuses the invalid sample with a message")}", x, Expect.First(
            () => Expect.Status(x, 200, "Field validation always answers 200; the verdict is data.valid."),
            () => Expect.That(isValid is not null, "data.valid is not a boolean.", "Answer {\"data\":{\"valid\":true}} or {\"data\":{\"valid\":false,\"message\":\"…\"}}."),
            () => Expect.That(isValid == expectValid, $"'{value}' was judged {(isValid == true ? "valid" : "invalid")}.",
                "The samples in test/setup's triggerFieldValidations must match the field's rule (AdminPortal: Sample passes Validation:Pattern, InvalidSample does not)."),
            () => Expect.That(expectValid || Expect.String(data?["message"]) is { Length: > 0 }, "An invalid value came back without data.message.",
                "Say why the value is invalid in data.message: IFTTT shows it to the user.")));
    }

    private static async Task OptionsAsync(PreflightSession s, string group, IFieldHost host, CancellationToken ct)
    {
        foreach (var field in host.Fields.Where(f => f.Kind == FieldKind.Dropdown))
        {
            var path = $"{group}/{host.Slug}/fields/{field.Slug}/options";
            var x = await s.Http.IftttAsync(HttpMethod.Post, path, Credential.Token(s.AccessToken), PreflightSession.Envelope("values", new JsonObject()), ct: ct);
            s.Report.Check($"{path}: lists options", x, Expect.First(
                () => Expect.Status(x, 200, "Dropdown options must answer 200 for the test user."),
                () => Expect.DataArray(x),
                () => OptionShapeProblem(Expect.Items(x))));
        }
    }

    /// <summary>Each option is {label, value}, or a group {label, values:[{label, value}…]} one level deep.</summary>
    private static PreflightProblem? OptionShapeProblem(JsonArray options)
    {
        foreach (var option in options)
        {
            var grouped = option?["values"] is JsonArray values ? values : null;
            var ok = Expect.String(option?["label"]) is not null &&
                (grouped?.All(v => Expect.String(v?["label"]) is not null && Expect.String(v?["value"]) is not null)
                    ?? Expect.String(option?["value"]) is not null);
            if (!ok)
            {
                return new($"The option {option?.ToJsonString()} is not {{\"label\",\"value\"}} (or a group with values).",
                    "Answer each option as {\"label\":\"…\",\"value\":\"…\"} with string values; a group is {\"label\":\"…\",\"values\":[…]}.");
            }
        }
        return null;
    }
}
