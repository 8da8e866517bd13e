using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// One trigger identity IFTTT polls (user + trigger + field values, shared by every Applet with the same
/// values). Kept after DELETE with <see cref="EndedAt"/> set; a later poll reactivates it.
/// </summary>
public sealed class TriggerIdentity
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Trigger { get; init; }

    /// <summary>The triggerFields IFTTT sent, as JSON.</summary>
    public required string Fields { get; init; }

    /// <summary>
    /// The filter key of the field values (<see cref="Timelines.TriggerMatcher"/>): a new event matches
    /// this identity when the key is among the event's match keys — what realtime notification needs.
    /// </summary>
    public required long MatchKey { get; init; }
    public required DateTimeOffset FirstSeenAt { get; init; }
    public required DateTimeOffset LastPolledAt { get; init; }
    public long PollCount { get; init; }
    public long RealtimePollCount { get; init; }

    /// <summary>Polled at least once by IFTTT's endpoint tests (<c>IFTTT-Test-Mode: 1</c>).</summary>
    public bool TestMode { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
}

internal sealed class TriggerIdentityConfiguration : IEntityTypeConfiguration<TriggerIdentity>
{
    public void Configure(EntityTypeBuilder<TriggerIdentity> e)
    {
        e.ToTable("TriggerIdentities");
        // Scoped by user: one user's token can never touch another user's identity row.
        e.HasKey(x => new { x.UserId, x.Id });
        e.Property(x => x.Id).HasMaxLength(200);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Trigger).HasMaxLength(100);
        e.Property(x => x.FirstSeenAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.LastPolledAt).HasConversion(UnixMillisecondsConverter.Instance);
        e.Property(x => x.EndedAt).HasConversion(UnixMillisecondsConverter.Instance);
        // Realtime: the active identities of a user whose key a new event produced.
        e.HasIndex(x => new { x.UserId, x.MatchKey });
        e.HasIndex(x => x.Trigger);
    }
}
