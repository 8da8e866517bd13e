using System.Text.Json;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Service;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Ifttt.Triggers;

/// <summary>
/// Dropdown options for trigger, action and query fields, and trigger field validation (single field
/// and contextual). Bodies are read leniently: any or no Content-Type, unknown members ignored.
/// </summary>
public static class FieldEndpoints
{
    public static void MapFieldEndpoints(this RouteGroupBuilder user)
    {
        user.MapPost("triggers/{trigger}/fields/{field}/options", TriggerOptionsAsync);
        user.MapPost("actions/{action}/fields/{field}/options", ActionOptionsAsync);
        user.MapPost("queries/{query}/fields/{field}/options", QueryOptionsAsync);
        user.MapPost("triggers/{trigger}/fields/{field}/validate", ValidateFieldAsync);
        user.MapPost("triggers/{trigger}/validate", ValidateTriggerAsync);
        user.MapPost("triggers/{trigger}/fields/validate", ValidateTriggerAsync);
    }

    public static Task<Results<JsonHttpResult<DataEnvelope<IReadOnlyList<OptionItem>>>, JsonHttpResult<ErrorEnvelope>>> TriggerOptionsAsync(
        string trigger, string field, HttpContext http, DeclaredService service) =>
        OptionsAsync(service.FindTrigger(trigger), "trigger", trigger, field, trigger, http);

    public static Task<Results<JsonHttpResult<DataEnvelope<IReadOnlyList<OptionItem>>>, JsonHttpResult<ErrorEnvelope>>> ActionOptionsAsync(
        string action, string field, HttpContext http, DeclaredService service) =>
        OptionsAsync(service.FindAction(action), "action", action, field, null, http);

    public static Task<Results<JsonHttpResult<DataEnvelope<IReadOnlyList<OptionItem>>>, JsonHttpResult<ErrorEnvelope>>> QueryOptionsAsync(
        string query, string field, HttpContext http, DeclaredService service) =>
        OptionsAsync(service.FindQuery(query), "query", query, field, service.FindQuery(query)?.Trigger, http);

    private static async Task<Results<JsonHttpResult<DataEnvelope<IReadOnlyList<OptionItem>>>, JsonHttpResult<ErrorEnvelope>>> OptionsAsync(
        IFieldHost? host, string kind, string slug, string fieldSlug, string? timeline, HttpContext http)
    {
        if (host is null)
        {
            return IftttResults.NotFound($"There is no {kind} '{slug}'.");
        }
        if (host.Fields.FirstOrDefault(f => f.Slug == fieldSlug) is not { Kind: FieldKind.Dropdown } field)
        {
            return IftttResults.NotFound($"The {kind} '{slug}' has no dropdown field '{fieldSlug}'.");
        }
        // The body (if any) carries nothing options need; it is not read, so any Content-Type is fine.
        IReadOnlyList<OptionItem> options;
        try
        {
            string? requestId = http.Request.Headers[IftttHeaders.RequestId];
            options = field.DynamicOptions is null
                ? [.. field.Options.Select(o => new OptionItem(o.Label, o.Value))]
                : await http.RequestServices.GetRequiredKeyedService<IDynamicOptionsProvider>(field.DynamicOptions)
                    .GetOptionsAsync(new DynamicOptionsContext(IftttRequestInfo.UserIdOf(http), timeline, field, host,
                        string.IsNullOrEmpty(requestId) ? null : requestId), http.RequestAborted);
        }
        catch (DynamicOptionsException ex)
        {
            return IftttResults.Error(ex.StatusCode, ex.Message);
        }
        IftttRequestInfo.For(http).Items = options.Count;
        return IftttResults.Data(options, IftttJsonContext.Default.DataEnvelopeIReadOnlyListOptionItem);
    }

    /// <summary>Body <c>{"value": …}</c>; always 200 with the verdict.</summary>
    public static async Task<Results<JsonHttpResult<DataEnvelope<FieldValidity>>, JsonHttpResult<ErrorEnvelope>>> ValidateFieldAsync(
        string trigger, string field, HttpContext http, DeclaredService service)
    {
        if (service.FindTrigger(trigger)?.FindField(field) is not { } definition)
        {
            return IftttResults.NotFound($"The trigger '{trigger}' has no field '{field}'.");
        }
        using var body = await RequestBody.ReadAsync(http.Request, RequestBody.DefaultLimit, http.RequestAborted);
        if (body.Error is not null)
        {
            return body.Error;
        }
        var value = body.TryGetMember("value", out var v) ? FieldValues.AsString(v) : null;
        try
        {
            var values = new Dictionary<string, string?> { [definition.Slug] = value };
            return IftttResults.Data(await VerdictAsync(trigger, definition, value, values, http), IftttJsonContext.Default.DataEnvelopeFieldValidity);
        }
        catch (DynamicOptionsException ex)
        {
            return IftttResults.Error(ex.StatusCode, ex.Message);
        }
    }

    /// <summary>Body <c>{"values": {field: value}}</c>; a verdict for every declared field.</summary>
    public static async Task<Results<JsonHttpResult<DataEnvelope<Dictionary<string, FieldValidity>>>, JsonHttpResult<ErrorEnvelope>>> ValidateTriggerAsync(
        string trigger, HttpContext http, DeclaredService service)
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
        var values = FieldValues.Read(body.TryGetMember("values", out var v) ? v : default, definition.Fields);
        var verdicts = new Dictionary<string, FieldValidity>(StringComparer.Ordinal);
        try
        {
            foreach (var field in definition.Fields)
            {
                verdicts[field.Slug] = await VerdictAsync(trigger, field, values[field.Slug], values, http);
            }
        }
        catch (DynamicOptionsException ex)
        {
            return IftttResults.Error(ex.StatusCode, ex.Message);
        }
        return IftttResults.Data(verdicts, IftttJsonContext.Default.DataEnvelopeDictionaryStringFieldValidity);
    }

    /// <summary>The field's own rules first; then, for a non-empty value, a remote validator if one is registered for it.</summary>
    private static async Task<FieldValidity> VerdictAsync(string trigger, FieldDefinition field, string? value,
        IReadOnlyDictionary<string, string?> values, HttpContext http)
    {
        if (FieldRules.Check(field, value) is { } message)
        {
            return new FieldValidity(false, message);
        }
        if (!string.IsNullOrEmpty(value)
            && http.RequestServices.GetKeyedService<IRemoteFieldValidator>(IRemoteFieldValidator.KeyFor(trigger, field.Slug)) is { } remote)
        {
            string? requestId = http.Request.Headers[IftttHeaders.RequestId];
            var problem = await remote.ValidateAsync(new RemoteFieldValidation(IftttRequestInfo.UserIdOf(http), trigger, field, value, values,
                string.IsNullOrEmpty(requestId) ? null : requestId), http.RequestAborted);
            return problem is null ? new FieldValidity(true) : new FieldValidity(false, problem);
        }
        return new FieldValidity(true);
    }
}
