using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Ifttt.Triggers;

/// <summary>Marks the poll endpoint, whose answers the request-log filter also counts as poll metrics.</summary>
public sealed class PollEndpoint
{
    public static readonly PollEndpoint Instance = new();

    private PollEndpoint() { }
}

/// <summary><c>POST triggers/{trigger}</c> and <c>DELETE triggers/{trigger}/trigger_identity/{id}</c>.</summary>
public static class TriggerEndpoints
{
    public static void MapTriggerEndpoints(this RouteGroupBuilder user)
    {
        user.MapPost("triggers/{trigger}", PollAsync).WithMetadata(PollEndpoint.Instance);
        user.MapDelete("triggers/{trigger}/trigger_identity/{identity}", EndIdentityAsync);
    }

    /// <summary>The newest <c>limit</c> events of the user's timeline matching the trigger fields, newest first.</summary>
    public static async Task<Results<Utf8DataResult, JsonHttpResult<ErrorEnvelope>>> PollAsync(
        string trigger, HttpContext http, DeclaredService service, AppDbContext db, IdentityWriter identities, TimeProvider clock)
    {
        if (service.FindTrigger(trigger) is not { } definition)
        {
            return IftttResults.NotFound($"There is no trigger '{trigger}'.");
        }
        using var body = await RequestBody.ReadAsync(http.Request, RequestBody.DefaultLimit, http.RequestAborted);
        if (body.Error is not null)
        {
            return body.Error;
        }
        if (!body.TryGetMember("triggerFields", out var fieldsJson) || fieldsJson.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return IftttResults.BadRequest("triggerFields is required.");
        }
        var values = FieldValues.Read(fieldsJson, definition.Fields);
        if (FieldValues.MissingRequired(definition.Fields, values) is { } missing)
        {
            return IftttResults.BadRequest($"The trigger field '{missing.Slug}' is required.");
        }
        if (Limit.Read(body, out var limitError) is not { } limit)
        {
            return IftttResults.BadRequest(limitError!);
        }

        var userId = IftttRequestInfo.UserIdOf(http);
        var key = TriggerMatcher.KeyForFields(definition.Slug, definition.Fields, values);
        var answer = new Utf8DataResult();
        await TimelineReader.NewestAsync(db, userId, key, limit,
            (id, occurredAt, ingredients) => TimelineJson.WriteWithMeta(answer.NextItem(), ingredients, id, occurredAt), http.RequestAborted);

        var info = IftttRequestInfo.For(http);
        info.Items = answer.Count;
        if (body.TryGetMember("trigger_identity", out var identity) && identity.ValueKind == System.Text.Json.JsonValueKind.String
            && identity.GetString() is { Length: > 0 } identityId)
        {
            info.TriggerIdentity = identityId;
            // A newly seen identity is stored before the answer; known ones are counted in the background.
            await identities.RecordPollAsync(new IdentityPolled(identityId, userId, definition.Slug, fieldsJson.GetRawText(), key,
                clock.GetUtcNow(), info.Realtime, info.TestMode));
        }
        return answer;
    }

    /// <summary>No Applet uses the identity any more: mark it ended, keep its history. Always 200.</summary>
    public static async Task<Results<Ok, JsonHttpResult<ErrorEnvelope>>> EndIdentityAsync(
        string trigger, string identity, HttpContext http, DeclaredService service, IdentityWriter identities, TimeProvider clock)
    {
        if (service.FindTrigger(trigger) is null)
        {
            return IftttResults.NotFound($"There is no trigger '{trigger}'.");
        }
        var userId = IftttRequestInfo.UserIdOf(http);
        IftttRequestInfo.For(http).TriggerIdentity = identity;
        await identities.EnqueueAsync(new IdentityEnded(identity, userId, clock.GetUtcNow()));
        return TypedResults.Ok();
    }
}
