using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Accounts;

/// <summary>
/// Identity's lockout for emails that have no account: after as many wrong passwords as lock a real account, the same
/// "locked" answer for as long, so the lockout message cannot tell a stranger which emails are registered.
/// </summary>
public sealed class UnknownAccountLockout : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public UnknownAccountLockout(IOptions<IdentityOptions> identity)
    {
        var lockout = identity.Value.Lockout;
        _failures = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = lockout.MaxFailedAccessAttempts,
            Window = lockout.DefaultLockoutTimeSpan,
            QueueLimit = 0,
        }));
    }

    public bool IsLocked(string email)
    {
        using var lease = _failures.AttemptAcquire(Key(email), permitCount: 0);
        return !lease.IsAcquired;
    }

    /// <summary>Counts a wrong password; true when this one locks the email (as Identity answers the last allowed failure).</summary>
    public bool Fail(string email)
    {
        using var spent = _failures.AttemptAcquire(Key(email));
        return !spent.IsAcquired || IsLocked(email);
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(string email) => email.Trim().ToUpperInvariant();
}
