using AdminPortal.Features.Throttling;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts;

public enum SignInOutcome
{
    SignedIn,
    WrongEmailOrPassword,
    LockedAfterFailures,
    LockedByAdmin,
    TooManyFromThisAddress,
}

public sealed record SignInAnswer(SignInOutcome Outcome, AppUser? User = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Password sign-in that tells a stranger nothing about which emails have accounts (decision 0016): an unknown email
/// costs one password hash like a known one, locks after as many failures, and gets the same sentences; an admin's
/// lock is only named to someone who knows the password. Wrong passwords are also counted per IP address
/// (<see cref="Throttled.SignIn"/>); a timed lockout refuses sign-in only, never IFTTT's tokens.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher,
    UnknownAccountLockout unknownEmails, FailureThrottle throttle)
{
    // A hash of a random password made by the app's own hasher, so checking against it costs what a real check costs.
    private static string? _decoyHash;

    public async Task<SignInAnswer> SignInAsync(HttpContext http, string email, string password)
    {
        if (throttle.RetryAfter(Throttled.SignIn, http) is { } wait)
        {
            return new SignInAnswer(SignInOutcome.TooManyFromThisAddress, RetryAfter: wait);
        }

        var user = await users.FindByNameAsync(email);
        if (user is null)
        {
            SpendOneHash(password);
            var locked = unknownEmails.IsLocked(email) || unknownEmails.Fail(email);
            return Failed(http, locked ? SignInOutcome.LockedAfterFailures : SignInOutcome.WrongEmailOrPassword);
        }
        if (AccountLocks.IsLockedByAdmin(user))
        {
            return await users.CheckPasswordAsync(user, password)
                ? new SignInAnswer(SignInOutcome.LockedByAdmin)
                : Failed(http, SignInOutcome.WrongEmailOrPassword);
        }
        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without hashing; the hash keeps its timing like every other answer.
            SpendOneHash(password);
            return Failed(http, SignInOutcome.LockedAfterFailures);
        }

        if (user.PasswordHash is null)
        {
            SpendOneHash(password); // a product user has no password here, and Identity would answer without hashing
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return new SignInAnswer(SignInOutcome.SignedIn, user);
        }
        return Failed(http, result.IsLockedOut ? SignInOutcome.LockedAfterFailures : SignInOutcome.WrongEmailOrPassword);
    }

    private SignInAnswer Failed(HttpContext http, SignInOutcome outcome)
    {
        throttle.Count(Throttled.SignIn, http);
        return new SignInAnswer(outcome);
    }

    private void SpendOneHash(string password)
    {
        var decoy = _decoyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(new AppUser(), decoy, password);
    }
}
