using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.ProductApi.Calls;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Dashboard.ActionLog;

/// <summary>The Actions list's filters; <see cref="Outcome"/> is one of <see cref="ActionOutcomes"/>.</summary>
public sealed record ActionFilter(string? Action = null, string? Outcome = null, string? User = null, TimeWindow Window = TimeWindow.Any);

/// <param name="ProductCalls">The calls to the product this run made (http actions), oldest first.</param>
public sealed record ActionRow(ActionLogEntry Entry, string User, IReadOnlyList<KeyValuePair<string, string>> Fields, IReadOnlyList<ProductCall> ProductCalls);

/// <summary>Reads the action log (each run IFTTT asked for, with its outcome), newest first.</summary>
public sealed class ActionQueries(IDbContextFactory<AppDbContext> dbFactory, ProductCallStore productCalls, TimeProvider clock)
{
    public async Task<Paged<ActionRow>?> SearchAsync(ActionFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var log = db.Set<ActionLogEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            if (await UserLookup.ResolveAsync(db, filter.User, ct) is not { } userId)
            {
                return null;
            }
            log = log.Where(e => e.UserId == userId);
        }
        if (!string.IsNullOrEmpty(filter.Action))
        {
            log = log.Where(e => e.Action == filter.Action);
        }
        if (!string.IsNullOrEmpty(filter.Outcome))
        {
            log = log.Where(e => e.Outcome == filter.Outcome);
        }
        if (filter.Window.Since(clock.GetUtcNow()) is { } since)
        {
            log = log.Where(e => e.CreatedAt >= since);
        }
        var result = await Paging.PageAsync(log.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id), page, pageSize, ct);
        var emails = await UserLookup.EmailsAsync(db, result.Items.Select(e => e.UserId), ct);
        var calls = await productCalls.ForRequestsAsync(result.Items.Where(e => e.RequestId is not null).Select(e => e.RequestId!), ct);
        return new Paged<ActionRow>([.. result.Items.Select(e => new ActionRow(e, emails.GetValueOrDefault(e.UserId, e.UserId), JsonPairs.Read(e.Fields),
                e.RequestId is null ? [] : [.. calls[e.RequestId].Where(c => c.UserId == e.UserId && c.Purpose == $"action {e.Action}")]))],
            result.Total, result.Capped);
    }

    public static MudBlazor.Color OutcomeColor(string outcome) => outcome switch
    {
        ActionOutcomes.Success => MudBlazor.Color.Success,
        ActionOutcomes.Skip => MudBlazor.Color.Warning,
        ActionOutcomes.Error => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>IFTTT's words: a skip is answered with status "SKIP".</summary>
    public static string OutcomeLabel(string outcome) => outcome == ActionOutcomes.Skip ? "SKIP" : outcome;
}
