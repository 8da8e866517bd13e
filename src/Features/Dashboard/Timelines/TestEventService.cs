using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Ifttt.Ingest;
using AdminPortal.Features.Ifttt.Timelines;
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
/// Adds an event exactly as <c>POST /api/v1/events</c> would: the form becomes the same JSON item, checked by
/// <see cref="IngestParser"/>, its user resolved by <see cref="UserResolver"/>, stored by <see cref="EventStore"/> —
/// which also queues the realtime nudges for matching identities in the same transaction.
/// </summary>
public sealed class TestEventService(IDbContextFactory<AppDbContext> dbFactory, IngestParser parser, UserResolver users, EventStore store, TimeProvider clock)
{
    public async Task<TestEventResult> AddAsync(TestEventForm form, CancellationToken ct = default)
    {
        // The form also takes an email; the ingest API takes our id or the external id.
        var userRef = form.User.Trim();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            userRef = await UserLookup.ResolveAsync(db, userRef, ct) ?? userRef;
        }

        using var item = JsonDocument.Parse(ToJson(form, userRef));
        var (events, errors) = parser.Parse([item.RootElement], clock.GetUtcNow());
        var resolved = await users.ResolveAsync(events.Select(e => e.UserRef), ct);
        errors.AddRange(events.Where(e => !resolved.ContainsKey(e.UserRef)).Select(e => $"unknown user '{e.UserRef}'."));
        if (errors.Count > 0)
        {
            return new TestEventResult(null, false, [.. errors.Select(e => e.StartsWith("events[0]: ", StringComparison.Ordinal) ? e[11..] : e)]);
        }
        var stored = await store.AppendAsync([.. events.Select(e => (resolved[e.UserRef], e.Event))], ct);
        return new TestEventResult(stored[0].Id, stored[0].Duplicate, []);
    }

    /// <summary>The ingest API's item shape; empty attribute values are left out, empty ingredients are sent so the parser names them.</summary>
    public static string ToJson(TestEventForm form, string userRef)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("user", userRef);
            json.WriteString("trigger", form.Trigger);
            json.WriteStartObject("attributes");
            foreach (var (name, value) in form.Attributes.Where(a => !string.IsNullOrEmpty(a.Value)))
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
            json.WriteStartObject("ingredients");
            foreach (var (name, value) in form.Ingredients.Where(i => !string.IsNullOrEmpty(i.Value)))
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
            if (!string.IsNullOrWhiteSpace(form.SourceId))
            {
                json.WriteString("source_id", form.SourceId.Trim());
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
