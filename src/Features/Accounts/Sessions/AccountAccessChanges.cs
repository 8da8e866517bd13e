using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Accounts.Sessions;

/// <summary>
/// Whose access just changed — signed out, demoted, locked, deleted — so this process can act at once instead of at the
/// next periodic check: open circuits of that user revalidate (<see cref="RevalidatingAccountStateProvider"/>), and their
/// cookies issued before the change are checked against the database at their next request (<see cref="SessionCookieCheck"/>).
/// One app process per database (as AccessTokenCache assumes); changes made elsewhere are caught by the periodic checks.
/// </summary>
public sealed class AccountAccessChanges(TimeProvider clock, IOptions<AccountOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _changedAt = new(StringComparer.Ordinal);

    /// <summary>Raised with the user id; handlers must not throw.</summary>
    public event Action<string>? Changed;

    /// <param name="circuitDelay">
    /// How long open circuits wait before revalidating. Sign-out waits a moment: the tab that signed out is still
    /// posting the form, and a circuit redirecting it to the login page at that instant would cancel the post before its
    /// response (which deletes the cookie) arrives.
    /// </param>
    public void Notify(string userId, TimeSpan circuitDelay = default)
    {
        var now = clock.GetUtcNow();
        _changedAt[userId] = now;
        Forget(olderThan: now - options.Value.SessionRevalidationInterval);
        if (circuitDelay <= TimeSpan.Zero)
        {
            Changed?.Invoke(userId);
            return;
        }
        _ = Task.Delay(circuitDelay, clock).ContinueWith(_ => Changed?.Invoke(userId), TaskScheduler.Default);
    }

    /// <summary>Whether the user's access changed at or after <paramref name="issued"/> (a cookie's issue time, to the second).</summary>
    public bool ChangedSince(string userId, DateTimeOffset? issued) =>
        _changedAt.TryGetValue(userId, out var at) && (issued is null || at >= issued.Value.AddSeconds(-1));

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
