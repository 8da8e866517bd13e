using AdminPortal.Data;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// The timeline store's provider-specific statements (<c>TimelineEvents</c> and their index <c>EventMatchKeys</c>),
/// its one seam: <see cref="EventStore"/>, <see cref="AttributeValues"/> and <see cref="MatchKeyIndexer"/> hold the
/// rules, this holds the SQL. Rows arrive as one <see cref="JsonRows"/> parameter each; see the implementation for
/// the column order. A second provider is one more implementation (<c>TimelineSql.Postgres.cs</c>).
/// </summary>
public interface ITimelineSql
{
    /// <summary>Rows: [id, userId, trigger, occurredAt ms, receivedAt ms, sourceId|null, attributes, ingredients].</summary>
    Task InsertEventsAsync(AppDbContext db, string rows, CancellationToken ct);

    /// <summary>Rows: [userId, matchKey, occurredAt ms, eventId]. <paramref name="ignoreExisting"/> for the rebuild.</summary>
    Task InsertMatchKeysAsync(AppDbContext db, string rows, bool ignoreExisting, CancellationToken ct);

    /// <summary>
    /// Rows: [userId, trigger, sourceId]. Inside the caller's transaction, until it ends, no other transaction — on any
    /// instance — appends under these source ids. SQLite: nothing to do, the transaction already holds the one write
    /// lock; PostgreSQL: transaction-scoped advisory locks on the triples (docs/decisions/0028).
    /// </summary>
    Task LockSourcesAsync(AppDbContext db, string rows, CancellationToken ct);

    /// <summary>Rows: [userId, trigger, sourceId]; answers the stored events among them.</summary>
    Task<List<StoredSource>> FindSourcesAsync(AppDbContext db, string rows, CancellationToken ct);

    /// <summary>Distinct values of one attribute among the user's events under <paramref name="keys"/> (a flat array).</summary>
    Task<List<string>> AttributeValuesAsync(AppDbContext db, string userId, string keys, string attribute, int max, CancellationToken ct);

    /// <summary>Whether any of the user's events under <paramref name="keys"/> has <paramref name="attribute"/> = <paramref name="value"/>.</summary>
    Task<bool> HasAttributeValueAsync(AppDbContext db, string userId, string keys, string attribute, string value, CancellationToken ct);
}

/// <summary>A stored event found by its source id.</summary>
public sealed record StoredSource(string UserId, string Trigger, string SourceId, string Id);
