using AdminPortal.Data;
using AdminPortal.Features.Accounts.Administration;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.ProductLink;

/// <summary>ProductLink's part of deleting a user: the link row and the encrypted product tokens in it (given back by <see cref="ProductLinkRevoker"/> first).</summary>
internal sealed class ProductLinkEraser : IUserDataEraser
{
    public Task EraseAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.Set<ProductLinkRecord>().Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
}
