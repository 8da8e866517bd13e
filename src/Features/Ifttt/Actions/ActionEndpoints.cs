using System.Text.Json;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Service;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Ifttt.Actions;

/// <summary><c>POST actions/{action}</c>: one item on success, a SKIP when the input can never work.</summary>
public static class ActionEndpoints
{
    public static void MapActionEndpoints(this RouteGroupBuilder user) => user.MapPost("actions/{action}", RunAsync);

    public static async Task<Results<JsonHttpResult<DataEnvelope<IReadOnlyList<ActionOutcomeItem>>>, JsonHttpResult<ErrorEnvelope>>> RunAsync(
        string action, HttpContext http, DeclaredService service, ActionRunner runner)
    {
        if (service.FindAction(action) is not { } definition)
        {
            return IftttResults.NotFound($"There is no action '{action}'.");
        }
        using var body = await RequestBody.ReadAsync(http.Request, RequestBody.DefaultLimit, http.RequestAborted);
        if (body.Error is not null)
        {
            return body.Error;
        }
        if (!body.TryGetMember("actionFields", out var fieldsJson) || fieldsJson.ValueKind != JsonValueKind.Object)
        {
            return IftttResults.BadRequest("actionFields is required.");
        }

        string? requestId = http.Request.Headers[IftttHeaders.RequestId];
        var outcome = await runner.RunAsync(definition, IftttRequestInfo.UserIdOf(http), string.IsNullOrEmpty(requestId) ? null : requestId,
            FieldValues.Read(fieldsJson, definition.Fields), fieldsJson.GetRawText(), http.RequestAborted);
        switch (outcome)
        {
            case ActionOutcome.Success success:
                IftttRequestInfo.For(http).Items = 1;
                IReadOnlyList<ActionOutcomeItem> data = [new ActionOutcomeItem(success.Id, success.Url)];
                return IftttResults.Data(data, IftttJsonContext.Default.DataEnvelopeIReadOnlyListActionOutcomeItem);
            case ActionOutcome.Skip skip:
                return IftttResults.Skip(skip.Message);
            case ActionOutcome.Unauthorized unauthorized:
                return IftttResults.Unauthorized(unauthorized.Message);
            default:
                return IftttResults.Error(StatusCodes.Status500InternalServerError, ((ActionOutcome.Fail)outcome).Message);
        }
    }
}
