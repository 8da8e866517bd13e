namespace AdminPortal.Features.Sunset;

public sealed record NoticeRecipient(string UserId, string Email);

/// <summary>
/// Who gets the sunset notices: users with an active IFTTT connection, test users left out. Implemented by the OAuth
/// feature, which owns the connections (as <see cref="ISunsetStep"/> lets features add steps), so Sunset does not
/// depend on it.
/// </summary>
public interface IConnectedUsers
{
    /// <param name="ct">Cancels the query.</param>
    /// <param name="anyClient">Also users linked through an earlier client registration (a changed client id).</param>
    Task<IReadOnlyList<NoticeRecipient>> ListAsync(CancellationToken ct, bool anyClient = false);
}
