namespace AdminPortal.Features.ProductLink;

/// <summary>
/// The product credentials AdminPortal holds for a user, for calls made on that user's behalf (actions,
/// dropdowns, queries, polling connectors). Tokens never leave this seam except as the bearer value of a call.
/// </summary>
public interface IProductTokens
{
    /// <summary>A usable access token, refreshed first when it expires soon.</summary>
    /// <exception cref="ProductLinkBrokenException">The user has no product link, or the product refused the refresh.</exception>
    Task<string> GetAccessTokenAsync(string userId, CancellationToken ct);

    /// <summary>
    /// The product answered 401 to <paramref name="rejected"/>: refresh once (unless a concurrent caller already
    /// replaced it) and return the new token.
    /// </summary>
    /// <exception cref="ProductLinkBrokenException">The product refused the refresh; the link is now marked broken.</exception>
    Task<string> RefreshAfterRejectionAsync(string userId, string rejected, CancellationToken ct);
}

/// <summary>The user's link to the product cannot be used until they sign in through the product again.</summary>
public sealed class ProductLinkBrokenException(string message) : Exception(message);
