using AdminPortal.Data;
using AdminPortal.Features.Accounts.Sessions;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Features.Accounts.Administration;

/// <summary>
/// Deletes an account and what the features keep for it, in one transaction. Revoking outside access (IFTTT's tokens,
/// the product's) is the caller's first step: it talks to other systems and cannot be rolled back with the rest.
/// </summary>
public sealed class UserDeleter(IServiceScopeFactory scopes, DatabaseWriteGate gate, AccountAccessChanges changes)
{
    /// <summary>False when the user was already gone.</summary>
    public async Task<bool> DeleteAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        // UserManager's store works on the scope's context: the erasers get the same one, so all of it shares the transaction.
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        using var turn = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return false;
        }
        foreach (var eraser in scope.ServiceProvider.GetServices<IUserDataEraser>())
        {
            await eraser.EraseAsync(db, userId, ct);
        }
        // Identity's own rows (roles, logins, claims, tokens) go with the user through their cascading foreign keys.
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException("Could not delete the user: " + string.Join(" ", deleted.Errors.Select(e => e.Description)));
        }
        await transaction.CommitAsync(ct);
        await changes.NotifyAsync(userId); // their open tabs and cookies end now, here and on the other instances
        return true;
    }
}
