using System.Text.Json.Nodes;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>Every declared query walked page by page with its cursor, and refused with a bad token.</summary>
internal static class QueryChecks
{
    public const int MaxPages = 25;
    private const int PageSize = 1;

    public static async Task RunAsync(PreflightSession s, CancellationToken ct)
    {
        foreach (var query in s.Service.Queries)
        {
            var path = $"queries/{query.Slug}";
            if (s.SkippedWithoutToken($"{path}: walks its cursor", "POST", path))
            {
                continue;
            }
            await WalkAsync(s, path, s.SampleFields("queries", query.Slug), ct);

            await s.BadTokenAsync(path, PreflightSession.Envelope("queryFields", s.SampleFields("queries", query.Slug)), "query", ct);

            await FieldChecks.QueryFieldsAsync(s, query, ct);
        }
    }

    /// <summary>Pages of one row: each at most the limit, a cursor only while more rows exist, no row twice.</summary>
    private static async Task WalkAsync(PreflightSession s, string path, JsonObject fields, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        PreflightExchange? x = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var body = PreflightSession.Envelope("queryFields", fields.DeepClone());
            body["limit"] = PageSize;
            if (cursor is not null)
            {
                body["cursor"] = cursor;
            }
            x = await s.Http.IftttAsync(HttpMethod.Post, path, Credential.Token(s.AccessToken), body, ct: ct);
            var rows = Expect.Items(x);
            var repeated = rows.Select(Key).FirstOrDefault(k => !seen.Add(k));
            var next = Expect.String(x.Json?["cursor"]);
            var problem = Expect.First(
                () => Expect.Status(x, 200, $"Every page of the query must answer 200 (page {page + 1}{(cursor is null ? "" : ", with the cursor of the page before")})."),
                () => Expect.DataArray(x),
                () => Expect.That(rows.Count <= PageSize, $"Page {page + 1} has {rows.Count} rows for limit {PageSize}.", "Answer at most limit rows per page."),
                () => Expect.That(repeated is null, $"Page {page + 1} repeats a row of an earlier page.",
                    "The cursor must continue after the last row it covered, never from the start."),
                () => Expect.That(next is not null || x.Json?["cursor"] is null, "cursor is not a string.", "Send cursor as a string, or leave it out on the last page."),
                () => Expect.That(next is null || rows.Count > 0, $"Page {page + 1} is empty but still has a cursor.",
                    "Send a cursor only while more rows exist."));
            if (problem is not null || next is null)
            {
                s.Report.Check($"{path}: walks its cursor", x, problem);
                return;
            }
            cursor = next;
        }
        s.Report.Check($"{path}: walks its cursor", x!, null); // MaxPages pages read well; the walk stops there
    }

    private static string Key(JsonNode? row) => Expect.String(row?["meta"]?["id"]) ?? row?.ToJsonString() ?? "";
}
