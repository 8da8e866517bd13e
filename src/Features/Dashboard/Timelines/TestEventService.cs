using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Ingest;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Dashboard.Timelines;

/// <summary>The "add test event" form: values for one event of one trigger.</summary>
public sealed class TestEventForm
{
    public string User { get; set; } = "";
    public string Trigger { get; set; } = "";
    public Dictionary<string, string?> Attributes { get; set; } = [];
    public Dictionary<string, string?> Ingredients { get; set; } = [];
    public string? SourceId { get; set; }
}

/// <summary>Stored, or the problems the ingest API would have answered 400 with.</summary>
public sealed record TestEventResult(string? EventId, bool Duplicate, IReadOnlyList<string> Errors)
{
    public bool Succeeded => EventId is not null;
}

/// <summary>
/// Adds an event exactly as <c>POST /api/v1/events</c> would: through <see cref="IngestService"/>, which checks it,
/// resolves its user and stores it — queuing the realtime nudges for matching identities in the same transaction.
/// </summary>
public sealed class TestEventService(IDbContextFactory<AppDbContext> dbFactory, IngestService ingest)
{
    public async Task<TestEventResult> AddAsync(TestEventForm form, CancellationToken ct = default)
    {
        // The form also takes an email; the ingest use case takes our id or the external id.
        var userRef = form.User.Trim();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            userRef = await UserLookup.ResolveAsync(db, userRef, ct) ?? userRef;
        }

        var result = await ingest.IngestAsync([ToEvent(form, userRef)], ct);
        var item = result.Items[0];
        if (item.Outcome == IngestOutcome.SkippedUnlinked)
        {
            return new TestEventResult(null, false, [$"No user '{userRef}': a product user appears here once they link IFTTT."]);
        }
        return item.Error is { } error
            ? new TestEventResult(null, false, [error])
            : new TestEventResult(item.EventId, item.Outcome == IngestOutcome.Duplicate, []);
    }

    /// <summary>The form as an event: empty values are left out, so a missing ingredient is named as such.</summary>
    public static NewEvent ToEvent(TestEventForm form, string userRef) => new(
        userRef,
        form.Trigger,
        NonEmpty(form.Attributes),
        NonEmpty(form.Ingredients),
        string.IsNullOrWhiteSpace(form.SourceId) ? null : form.SourceId.Trim());

    private static Dictionary<string, string> NonEmpty(Dictionary<string, string?> values) =>
        values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
}
