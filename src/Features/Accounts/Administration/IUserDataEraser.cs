using AdminPortal.Data;

namespace AdminPortal.Features.Accounts.Administration;

/// <summary>
/// A feature's part of deleting a user: removes the rows it keeps for them, on the context and inside the transaction
/// <see cref="UserDeleter"/> gives it, so either every owner's rows and the account go, or none do. The owners register
/// one each (as the sunset's steps are), so Accounts never learns their tables.
/// </summary>
public interface IUserDataEraser
{
    Task EraseAsync(AppDbContext db, string userId, CancellationToken ct);
}
