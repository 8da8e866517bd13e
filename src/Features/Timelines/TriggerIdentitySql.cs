using AdminPortal.Data;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// The trigger-identity store's provider-specific statements (<c>TriggerIdentities</c>), its one seam:
/// <see cref="IdentityWriter"/> and <see cref="MatchingIdentities"/> hold the rules, this holds the SQL. Rows arrive
/// as one <see cref="JsonRows"/> parameter; a second provider is one more implementation.
/// </summary>
public interface ITriggerIdentitySql
{
    /// <summary>Rows, in arrival order: [userId, id, trigger, fields, matchKey, polledAt ms, realtime 0|1, testMode 0|1].</summary>
    Task UpsertPolledAsync(AppDbContext db, string rows, CancellationToken ct);

    /// <summary>Rows: [userId, id, endedAt ms]; identities already ended keep their first end.</summary>
    Task EndAsync(AppDbContext db, string rows, CancellationToken ct);

    /// <summary>Rows: [userId, matchKey]; the ids of the active, non-test identities under any of them.</summary>
    Task<List<string>> ActiveIdsAsync(AppDbContext db, string rows, CancellationToken ct);
}
