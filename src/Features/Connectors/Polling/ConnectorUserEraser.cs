using AdminPortal.Data;
using AdminPortal.Features.Accounts.Administration;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Connectors.Polling;

/// <summary>Connectors' part of deleting a user: their poll cursors, so the poll job stops asking the product about them.</summary>
internal sealed class ConnectorUserEraser : IUserDataEraser
{
    public Task EraseAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.Set<ConnectorCursor>().Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
}
