using System.Collections.Concurrent;
using AdminPortal.Features.ProductLink;

namespace AdminPortal.IntegrationTests.ProductApi;

/// <summary>
/// <see cref="IProductTokens"/> over tokens the stand-in product really issued, refreshed with its real refresh grant;
/// replaced by the product-link feature's implementation once that lands. Only for tests about the request engine.
/// </summary>
public sealed class StandInProductTokens(StandInProduct product) : IProductTokens
{
    private readonly ConcurrentDictionary<string, (string Access, string Refresh)> _links = new();

    public void Link(string userId, string subject) => _links[userId] = product.SignIn(subject);

    public Task<string> GetAccessTokenAsync(string userId, CancellationToken ct) =>
        _links.TryGetValue(userId, out var link) ? Task.FromResult(link.Access) : throw new ProductLinkBrokenException("This account is not linked to the product.");

    public Task<string> RefreshAfterRejectionAsync(string userId, string rejected, CancellationToken ct)
    {
        if (!_links.TryGetValue(userId, out var link))
        {
            throw new ProductLinkBrokenException("This account is not linked to the product.");
        }
        if (link.Access != rejected)
        {
            return Task.FromResult(link.Access);
        }
        if (product.Refresh(link.Refresh) is not { } renewed)
        {
            _links.TryRemove(userId, out _);
            throw new ProductLinkBrokenException("The product refused to renew the sign-in (invalid_grant).");
        }
        _links[userId] = renewed;
        return Task.FromResult(renewed.Access);
    }
}
