using AdminPortal.Features.Service;
namespace AdminPortal.Features.Ifttt.Actions;

/// <summary>
/// <c>record</c>: the action's effect is its entry in the action log (which the runner writes for every
/// action); answers with that entry's id. Lets a service be demonstrated and certified before it acts on anything.
/// </summary>
public sealed class RecordActionHandler : IActionHandler
{
    public const string Name = "record";

    public Task<ActionOutcome> RunAsync(ActionRequest request, CancellationToken ct) =>
        Task.FromResult<ActionOutcome>(new ActionOutcome.Success(request.LogEntryId));
}
