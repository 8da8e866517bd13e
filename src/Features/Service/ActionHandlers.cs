namespace AdminPortal.Features.Service;

/// <summary>
/// Runs an action once its fields are valid. Registered as a keyed service under the name actions
/// use in configuration (<c>Handler: "record"</c>, registered in <c>IftttExtensions.AddIfttt</c>); another feature
/// (e.g. one forwarding to the product's HTTP API) registers its own implementation under its own name. Names are
/// checked against the registrations once the container is built, so registration order does not matter.
/// </summary>
public interface IActionHandler
{
    Task<ActionOutcome> RunAsync(ActionRequest request, CancellationToken ct);
}

/// <param name="LogEntryId">The action-log row of this run: a handler with nothing better may return it as the result id.</param>
/// <param name="RequestId">IFTTT's X-Request-ID (the idempotency key), when sent.</param>
public sealed record ActionRequest(string LogEntryId, string UserId, ActionDefinition Action,
    IReadOnlyDictionary<string, string?> Fields, string? RequestId);

/// <summary>
/// Success (200 with id), Skip (400 SKIP: never retried), Fail (500: IFTTT retries) or Unauthorized (401: the
/// credential the handler needs for this user is gone — e.g. a broken product link — so IFTTT asks the user to reconnect).
/// </summary>
public abstract record ActionOutcome
{
    public sealed record Success(string Id, string? Url = null) : ActionOutcome;
    public sealed record Skip(string Message) : ActionOutcome;
    public sealed record Fail(string Message) : ActionOutcome;
    public sealed record Unauthorized(string Message) : ActionOutcome;
}
