using OpenIddict.Abstractions;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Deletes a user's token entries beyond the newest few. Only for the IFTTT test user, whose every token comes from
/// test/setup: a deleted entry makes its token fail validation at once (token entry validation is on), and the rows
/// are gone rather than left for the prune job.
/// </summary>
public sealed class MintedTokenTrimmer(IOpenIddictTokenManager tokens)
{
    /// <param name="justIssuedId">
    /// The entry the caller is about to hand out: always kept. OpenIddict stores creation dates to the second, so
    /// among tokens of the same second the order is otherwise arbitrary.
    /// </param>
    public async Task KeepNewestAsync(string userId, int keep, string? justIssuedId, CancellationToken ct)
    {
        var found = new List<(object Token, bool JustIssued, DateTimeOffset Created)>();
        await foreach (var token in tokens.FindBySubjectAsync(userId, ct))
        {
            found.Add((token, await tokens.GetIdAsync(token, ct) == justIssuedId,
                await tokens.GetCreationDateAsync(token, ct) ?? DateTimeOffset.MinValue));
        }
        foreach (var (token, _, _) in found.OrderByDescending(t => t.JustIssued).ThenByDescending(t => t.Created).Skip(keep))
        {
            try
            {
                await tokens.DeleteAsync(token, ct);
            }
            catch (OpenIddictExceptions.ConcurrencyException)
            {
                // A concurrent test/setup trimmed it first.
            }
        }
    }
}
