using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>
/// How many users were in one token-health state at one hour (its start, UTC). <see cref="TokenHealthRecord"/> keeps
/// only the state now; the token-health job adds one row per state each hour it runs, so the overview can draw
/// the states over time. No user id: nothing here goes with a deleted user.
/// </summary>
public sealed class TokenHealthSnapshot
{
    public required DateTimeOffset Hour { get; init; }
    public required TokenHealthState State { get; init; }
    public int Users { get; init; }
}

internal sealed class TokenHealthSnapshotConfiguration : IEntityTypeConfiguration<TokenHealthSnapshot>
{
    public void Configure(EntityTypeBuilder<TokenHealthSnapshot> snapshot)
    {
        snapshot.ToTable("TokenHealthSnapshots");
        // The key leads with the hour: the chart's window and the pruning are ranges over it.
        snapshot.HasKey(s => new { s.Hour, s.State });
        snapshot.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
    }
}

/// <summary>The snapshots' writes (from <see cref="TokenHealthJob"/>) and the overview's read.</summary>
public static class TokenHealthHistory
{
    /// <summary>As long as the check events: the overview shows a week at most.</summary>
    public static readonly TimeSpan KeepFor = TokenHealthJob.KeepEventsFor;

    /// <summary>
    /// Counts the users per state now (IFTTT's test users left out, as on the overview) into this hour's rows,
    /// replacing the hour's earlier ones, so a second run within the hour corrects rather than duplicates.
    /// </summary>
    public static async Task RecordAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var hour = HourWindow.Ending(now, 1).First;
        var counts = await db.Set<TokenHealthRecord>()
            .Where(h => !db.Users.Any(u => u.Id == h.UserId && u.IsTestUser))
            .GroupBy(h => h.State).Select(g => new { State = g.Key, Users = g.Count() }).ToListAsync(ct);
        var oldest = now - KeepFor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<TokenHealthSnapshot>().Where(s => s.Hour == hour || s.Hour < oldest).ExecuteDeleteAsync(ct);
        // Every state, zeros included, so a state that empties out draws as zero instead of vanishing.
        db.AddRange(Enum.GetValues<TokenHealthState>().Select(state => new TokenHealthSnapshot
        {
            Hour = hour, State = state, Users = counts.FirstOrDefault(c => c.State == state)?.Users ?? 0,
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The snapshots within the window, oldest first: hours the job did not run are absent, not zero.</summary>
    public static async Task<IReadOnlyList<TokenHealthSnapshot>> ReadAsync(AppDbContext db, HourWindow window, CancellationToken ct) =>
        await db.Set<TokenHealthSnapshot>().AsNoTracking().Where(s => s.Hour >= window.First).OrderBy(s => s.Hour).ToListAsync(ct);
}
