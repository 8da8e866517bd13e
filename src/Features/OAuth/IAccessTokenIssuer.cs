namespace AdminPortal.Features.OAuth;

/// <summary>
/// Mints real OpenIddict tokens for a user without the browser flow. IFTTT's endpoint tests need a
/// working access token of a test user from test/setup; nothing else should use this.
/// </summary>
public interface IAccessTokenIssuer
{
    /// <param name="request">The current request: its scheme and host become the tokens' issuer, as in the real flow.</param>
    Task<IssuedTokens> IssueAsync(string userId, HttpRequest request, CancellationToken ct = default);
}

public sealed record IssuedTokens(string AccessToken, string? RefreshToken);
