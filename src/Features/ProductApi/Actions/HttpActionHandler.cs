using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.ProductApi.Requests;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.ProductApi.Actions;

/// <summary>
/// <c>Handler: "http"</c>: the action is a declared call to the product's API on the user's behalf. IFTTT's
/// X-Request-ID travels as <c>Idempotency-Key</c>, so even a retry the action log cannot stop (the first attempt
/// timed out after the product acted) does not act twice in a product that honours it.
/// </summary>
public sealed class HttpActionHandler(ProductRequests requests, ProductClient client, TemplateModel models) : IActionHandler
{
    public async Task<ActionOutcome> RunAsync(ActionRequest request, CancellationToken ct)
    {
        var declared = requests.Action(request.Action.Slug)
            ?? throw new InvalidOperationException($"The action '{request.Action.Slug}' declares no Request.");
        var model = await models.ForUserAsync(request.UserId, ct);
        model["fields"] = TemplateModel.Fields(request.Fields);
        model["action"] = new Dictionary<string, object?> { ["slug"] = request.Action.Slug };
        model["ifttt"] = new Dictionary<string, object?> { ["request_id"] = request.RequestId ?? "" };

        var response = await client.SendAsync(declared, model,
            new ProductCallContext($"action {request.Action.Slug}", request.UserId, request.RequestId, IdempotencyKey: request.RequestId), ct);
        return Map(response, declared, request.LogEntryId);
    }

    /// <summary>The product's answer in IFTTT's terms (a pure function: the rule in one place).</summary>
    public static ActionOutcome Map(ProductResponse response, DeclaredRequest declared, string fallbackId) => response.Outcome switch
    {
        // A product that creates nothing addressable still acted: the log entry id stands in for IFTTT.
        ProductCallOutcome.Success => new ActionOutcome.Success(response.Read(declared.Response.Id) is { Length: > 0 } id ? id : fallbackId,
            response.Read(declared.Response.Url) is { Length: > 0 } url ? url : null),
        ProductCallOutcome.Skip => new ActionOutcome.Skip(response.Message),
        // The same values would be refused again on every retry.
        ProductCallOutcome.Refused => new ActionOutcome.Skip($"The action cannot be sent to the product: {response.Message}"),
        ProductCallOutcome.LinkBroken => new ActionOutcome.Unauthorized($"Your account's link to the product needs to be renewed: {response.Message}"),
        _ => new ActionOutcome.Fail(response.Message),
    };
}
