using AdminPortal.Features.Accounts.Administration;

namespace AdminPortal.Features.Accounts;

/// <summary>
/// The two kinds of lockout. Failed sign-ins lock for a while and refuse only interactive sign-in: anyone who knows an
/// email can cause them, so they must never reach the user's IFTTT tokens (decision 0016). An admin's lock
/// (<see cref="AdminAccounts.LockedIndefinitely"/>) is a decision about the account and stops its tokens too.
/// </summary>
public static class AccountLocks
{
    public static bool IsLockedByAdmin(AppUser user) => user.LockoutEnabled && user.LockoutEnd >= AdminAccounts.LockedIndefinitely;
}
