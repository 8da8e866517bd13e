using System.Text;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Ifttt.Queries;

/// <summary><c>POST queries/{query}</c>: pages of the query's trigger timeline, newest first, with a cursor while more remain.</summary>
public static class QueryEndpoints
{
    public static void MapQueryEndpoints(this RouteGroupBuilder user) => user.MapPost("queries/{query}", RunAsync);

    public static async Task<Results<Utf8DataResult, JsonHttpResult<ErrorEnvelope>>> RunAsync(
        string query, HttpContext http, DeclaredService service, AppDbContext db)
    {
        if (service.FindQuery(query) is not { } definition)
        {
            return IftttResults.NotFound($"There is no query '{query}'.");
        }
        using var body = await RequestBody.ReadAsync(http.Request, RequestBody.DefaultLimit, http.RequestAborted);
        if (body.Error is not null)
        {
            return body.Error;
        }
        var values = FieldValues.Read(body.TryGetMember("queryFields", out var fieldsJson) ? fieldsJson : default, definition.Fields);
        if (FieldValues.MissingRequired(definition.Fields, values) is { } missing)
        {
            return IftttResults.BadRequest($"The query field '{missing.Slug}' is required.");
        }
        if (Limit.Read(body, out var limitError) is not { } limit)
        {
            return IftttResults.BadRequest(limitError!);
        }
        var given = body.TryGetMember("cursor", out var cursorJson) && cursorJson.ValueKind == JsonValueKind.String && cursorJson.GetString() is { Length: > 0 } c ? c : null;
        if (http.RequestServices.GetKeyedService<IQuerySource>(definition.Slug) is { } source)
        {
            return await FromSourceAsync(source, definition, values, given, limit, http);
        }
        TimelinePosition? after = null;
        if (given is { } cursor)
        {
            after = QueryCursor.Decode(cursor);
            if (after is null)
            {
                return IftttResults.BadRequest("The cursor is not one this service issued.");
            }
        }
        if (limit == 0)
        {
            return new Utf8DataResult();
        }

        var userId = IftttRequestInfo.UserIdOf(http);
        var key = TriggerMatcher.KeyForFields(definition.Trigger, definition.Fields, values);
        // One extra row tells whether another page exists, so the last page carries no cursor (limit is at most Limit.Max).
        var take = limit + 1;
        var rows = after is null
            ? await TimelineReader.NewestAsync(db, userId, key, take, http.RequestAborted)
            : await TimelineReader.OlderThanAsync(db, userId, key, after, take, http.RequestAborted);
        var page = rows.Count > limit ? rows[..limit] : rows;
        var next = rows.Count > limit ? QueryCursor.Encode(new TimelinePosition(page[^1].OccurredAt, page[^1].Id)) : null;

        IftttRequestInfo.For(http).Items = page.Count;
        var answer = new Utf8DataResult { Cursor = next };
        foreach (var row in page)
        {
            answer.AddItem(Encoding.UTF8.GetBytes(row.Ingredients));
        }
        return answer;
    }

    private static async Task<Results<Utf8DataResult, JsonHttpResult<ErrorEnvelope>>> FromSourceAsync(IQuerySource source, QueryDefinition definition,
        IReadOnlyDictionary<string, string?> values, string? cursor, int limit, HttpContext http)
    {
        if (limit == 0)
        {
            return new Utf8DataResult();
        }
        string? requestId = http.Request.Headers[IftttHeaders.RequestId];
        try
        {
            var page = await source.RunAsync(new QueryRequest(IftttRequestInfo.UserIdOf(http), definition, values, cursor, limit,
                string.IsNullOrEmpty(requestId) ? null : requestId), http.RequestAborted);
            // At most limit rows, whatever the source returned; the cursor only while more exist.
            var rows = page.Rows.Count > limit ? page.Rows.Take(limit).ToList() : page.Rows;
            IftttRequestInfo.For(http).Items = rows.Count;
            var answer = new Utf8DataResult { Cursor = page.Cursor };
            foreach (var row in rows)
            {
                answer.AddItem(Encoding.UTF8.GetBytes(row));
            }
            return answer;
        }
        catch (QuerySourceException ex)
        {
            return IftttResults.Error(ex.StatusCode, ex.Message);
        }
    }
}
