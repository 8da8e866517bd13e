using System.Collections.Concurrent;
using AdminPortal.Data.Cluster;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Accounts.Sessions;

/// <summary>
/// Whose access just changed — signed out, demoted, locked, deleted — so the app can act at once instead of at the
/// next periodic check: open circuits of that user revalidate (<see cref="RevalidatingAccountStateProvider"/>), their
/// cookies issued before the change are checked against the database at their next request (<see cref="SessionCookieCheck"/>),
/// and their remembered bearer tokens are forgotten. The other instances on the same database hear of it through the
/// cluster change feed and do the same within seconds (decision 0027); when the feed may have missed changes,
/// everyone's access counts as changed.
/// </summary>
public sealed class AccountAccessChanges
{
    public const string Topic = "accounts.access";

    private readonly TimeProvider _clock;
    private readonly IOptions<AccountOptions> _options;
    private readonly ClusterChangeFeed _feed;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _changedAt = new(StringComparer.Ordinal);
    private DateTimeOffset? _everyoneChangedAt;

    public AccountAccessChanges(TimeProvider clock, IOptions<AccountOptions> options, ClusterChangeFeed feed)
    {
        _clock = clock;
        _options = options;
        _feed = feed;
        feed.Subscribe(Topic, userId =>
        {
            if (userId is null)
            {
                _everyoneChangedAt = _clock.GetUtcNow();
                Changed?.Invoke(null);
                return;
            }
            NotifyHere(userId, TimeSpan.Zero);
        });
    }

    /// <summary>Raised with the user id, or null for everyone (the feed may have missed changes); handlers must not throw.</summary>
    public event Action<string?>? Changed;

    /// <summary>After the change is saved: here at once, then on the other instances.</summary>
    /// <param name="circuitDelay">
    /// How long open circuits wait before revalidating. Sign-out waits a moment: the tab that signed out is still
    /// posting the form, and a circuit redirecting it to the login page at that instant would cancel the post before its
    /// response (which deletes the cookie) arrives.
    /// </param>
    public Task NotifyAsync(string userId, TimeSpan circuitDelay = default)
    {
        NotifyHere(userId, circuitDelay);
        return _feed.PublishAsync(Topic, userId);
    }

    /// <summary>Whether the user's access changed at or after <paramref name="issued"/> (a cookie's issue time, to the second).</summary>
    public bool ChangedSince(string userId, DateTimeOffset? issued) =>
        (_changedAt.TryGetValue(userId, out var at) && (issued is null || at >= issued.Value.AddSeconds(-1)))
        || (_everyoneChangedAt is { } everyone && (issued is null || everyone >= issued.Value.AddSeconds(-1))
            && everyone > _clock.GetUtcNow() - _options.Value.SessionRevalidationInterval);

    private void NotifyHere(string userId, TimeSpan circuitDelay)
    {
        var now = _clock.GetUtcNow();
        _changedAt[userId] = now;
        Forget(olderThan: now - _options.Value.SessionRevalidationInterval);
        if (circuitDelay <= TimeSpan.Zero)
        {
            Changed?.Invoke(userId);
            return;
        }
        _ = Task.Delay(circuitDelay, _clock).ContinueWith(_ => Changed?.Invoke(userId), TaskScheduler.Default);
    }

    // Past one revalidation interval every cookie and circuit has been checked anyway.
    private void Forget(DateTimeOffset olderThan)
    {
        foreach (var (userId, at) in _changedAt)
        {
            if (at < olderThan)
            {
                _changedAt.TryRemove(KeyValuePair.Create(userId, at));
            }
        }
    }
}
