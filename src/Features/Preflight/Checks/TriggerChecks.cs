using System.Text.Json;
using System.Text.Json.Nodes;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>Every declared trigger polled as IFTTT polls it, then its fields' options and validations, then DELETE of its identity.</summary>
internal static class TriggerChecks
{
    private const string SeedFix =
        "test/setup must leave at least three events for the test user that match the trigger's sample fields " +
        "(AdminPortal seeds them from each field's Sample; check the Sample matches the attribute the field Matches).";

    public static async Task RunAsync(PreflightSession s, CancellationToken ct)
    {
        foreach (var trigger in s.Service.Triggers)
        {
            var path = $"triggers/{trigger.Slug}";
            var name = $"triggers/{trigger.Slug}";
            if (s.SkippedWithoutToken($"{name}: polls", "POST", path))
            {
                continue;
            }
            var identity = $"preflight-{trigger.Slug}";
            var fields = s.SampleFields("triggers", trigger.Slug);
            await PollAsync(s, trigger, path, name, identity, fields, ct);
            await LimitsAsync(s, path, name, identity, fields, ct);
            await RefusalsAsync(s, trigger, path, name, identity, fields, ct);
            await FieldChecks.TriggerFieldsAsync(s, trigger, ct);

            var delete = await s.Http.IftttAsync(HttpMethod.Delete, $"{path}/trigger_identity/{identity}", Credential.Token(s.AccessToken), ct: ct);
            s.Report.Check($"{name}: DELETE of a trigger identity", delete, Expect.Status(delete, 200,
                "DELETE triggers/{trigger}/trigger_identity/{id} must answer an empty 200 (no Applet uses the identity any more), even for an identity never seen."));
        }
    }

    private static JsonObject PollBody(string identity, JsonObject fields, int? limit)
    {
        var body = PreflightSession.Envelope("triggerFields", fields.DeepClone());
        body["trigger_identity"] = identity;
        if (limit is not null)
        {
            body["limit"] = limit;
        }
        return body;
    }

    private static async Task PollAsync(PreflightSession s, TriggerDefinition trigger, string path, string name, string identity, JsonObject fields, CancellationToken ct)
    {
        var token = Credential.Token(s.AccessToken);
        var body = PollBody(identity, fields, null);
        body[$"preflight_unknown_{Guid.NewGuid():N}"[..30]] = "IFTTT may add members at any time"; // IFTTT's tests send one
        var first = await s.Http.IftttAsync(HttpMethod.Post, path, token, body, ct: ct);
        var ok = Expect.First(
            () => Expect.Status(first, 200, "The poll must answer 200 for the sample fields of test/setup. This request also carried an unknown JSON " +
                "member, which must be ignored."),
            () => Expect.DataArray(first));
        if (!s.Report.Check($"{name}: answers the poll with {{\"data\":[…]}}", first, ok))
        {
            return;
        }
        var items = Expect.Items(first);
        s.Report.Check($"{name}: returns at least three items", first, Expect.That(items.Count >= 3,
            $"The poll returned {items.Count} item{(items.Count == 1 ? "" : "s")}; IFTTT's test needs at least 3.", SeedFix));
        s.Report.Check($"{name}: meta.id and meta.timestamp on every item", first, MetaProblem(items));
        s.Report.Check($"{name}: items are newest first", first, OrderProblem(items));
        s.Report.Check($"{name}: meta.id is unique", first, UniqueProblem(items));
        s.Report.Check($"{name}: every declared ingredient is present and typed", first, Ingredients.Problem(trigger.Ingredients, items));

        var second = await s.Http.IftttAsync(HttpMethod.Post, path, token, PollBody(identity, fields, null), ct: ct);
        s.Report.Check($"{name}: meta.id is stable across polls", second, Expect.First(
            () => Expect.Status(second, 200, "A second, identical poll must answer 200 too."),
            () => StableProblem(items, Expect.Items(second))));
    }

    private static async Task LimitsAsync(PreflightSession s, string path, string name, string identity, JsonObject fields, CancellationToken ct)
    {
        foreach (var limit in new[] { 0, 1, 2 })
        {
            var x = await s.Http.IftttAsync(HttpMethod.Post, path, Credential.Token(s.AccessToken), PollBody(identity, fields, limit), ct: ct);
            var count = Expect.Items(x).Count;
            s.Report.Check($"{name}: limit {limit} is honoured", x, Expect.First(
                () => Expect.Status(x, 200, "A poll with a limit must answer 200."),
                () => Expect.DataArray(x),
                () => Expect.That(count == limit, $"limit {limit} returned {count} item{(count == 1 ? "" : "s")}.",
                    limit == 0 ? "limit 0 must answer {\"data\":[]}." : $"Return exactly the newest {limit} events when at least that many exist; apply no other cap.")));
        }
    }

    private static async Task RefusalsAsync(PreflightSession s, TriggerDefinition trigger, string path, string name, string identity, JsonObject fields, CancellationToken ct)
    {
        await s.BadTokenAsync(path, PollBody(identity, fields, null), "trigger poll", ct);

        var noFields = PollBody(identity, fields, null);
        noFields.Remove("triggerFields");
        var x = await s.Http.IftttAsync(HttpMethod.Post, path, Credential.Token(s.AccessToken), noFields, ct: ct);
        s.Report.Check($"{name}: 400 without triggerFields", x, Expect.First(
            () => Expect.Status(x, 400, "A poll without triggerFields must answer 400 with an errors body."), () => Expect.ErrorsBody(x)));

        foreach (var field in trigger.Fields.Where(f => f.Required))
        {
            var without = (JsonObject)fields.DeepClone();
            without.Remove(field.Slug);
            var y = await s.Http.IftttAsync(HttpMethod.Post, path, Credential.Token(s.AccessToken), PollBody(identity, without, null), ct: ct);
            s.Report.Check($"{name}: 400 without the required field {field.Slug}", y, Expect.First(
                () => Expect.Status(y, 400, $"A poll whose triggerFields lack the required '{field.Slug}' must answer 400 with an errors body."),
                () => Expect.ErrorsBody(y)));
        }
    }

    private static PreflightProblem? MetaProblem(JsonArray items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var meta = items[i]?["meta"];
            if (Expect.String(meta?["id"]) is not { Length: > 0 })
            {
                return new($"Item {i} has no string meta.id.", "Give every item meta.id: a string unique per event and stable forever.");
            }
            if (meta?["timestamp"] is not JsonValue stamp || stamp.GetValueKind() != JsonValueKind.Number || !stamp.TryGetValue<long>(out _))
            {
                var seen = meta?["timestamp"]?.ToJsonString() ?? "nothing";
                return new($"Item {i}'s meta.timestamp is {seen}, not an integer.",
                    "meta.timestamp must be an integer number of Unix seconds (e.g. 1733310000), not a string or a date.");
            }
        }
        return null;
    }

    private static long Stamp(JsonNode? item) =>
        item?["meta"]?["timestamp"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var t) ? t : long.MinValue;

    private static PreflightProblem? OrderProblem(JsonArray items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (Stamp(items[i]) > Stamp(items[i - 1]))
            {
                return new($"Item {i} (timestamp {Stamp(items[i])}) is newer than item {i - 1} (timestamp {Stamp(items[i - 1])}).",
                    "Sort the events by time, newest first (descending meta.timestamp).");
            }
        }
        return null;
    }

    private static PreflightProblem? UniqueProblem(JsonArray items)
    {
        var repeated = items.Select(i => Expect.String(i?["meta"]?["id"])).Where(id => id is not null)
            .GroupBy(id => id).FirstOrDefault(g => g.Count() > 1)?.Key;
        return repeated is null ? null : new($"meta.id '{repeated}' appears more than once.",
            "Each event needs its own meta.id; IFTTT fires only for ids it has not seen.");
    }

    /// <summary>The same event (same timestamp and ingredients) must keep its id from one poll to the next.</summary>
    private static PreflightProblem? StableProblem(JsonArray first, JsonArray second)
    {
        static string Key(JsonNode? item)
        {
            var copy = (JsonObject?)item?.DeepClone() ?? [];
            copy.Remove("meta");
            return Stamp(item) + copy.ToJsonString();
        }
        var ids = second.GroupBy(Key).ToDictionary(g => g.Key, g => g.Select(i => Expect.String(i?["meta"]?["id"])).ToHashSet());
        foreach (var item in first)
        {
            var id = Expect.String(item?["meta"]?["id"]);
            if (ids.TryGetValue(Key(item), out var now) && !now.Contains(id))
            {
                return new($"The event with meta.id '{id}' came back with meta.id '{now.First()}'.",
                    "meta.id must be stable forever (derive it from the stored event, never from the poll): a new id makes IFTTT fire the event again.");
            }
        }
        return null;
    }
}
