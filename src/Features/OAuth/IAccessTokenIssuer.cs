namespace AdminPortal.Features.OAuth;

/// <summary>
/// Mints real OpenIddict tokens for a user without the browser flow. IFTTT's endpoint tests need a
/// working access token of a test user from test/setup; nothing else should use this.
/// </summary>
public interface IAccessTokenIssuer
{
    /// <param name="request">The current request: its scheme and host become the tokens' issuer, as in the real flow.</param>
    Task<IssuedTokens> IssueAsync(string userId, HttpRequest request, CancellationToken ct = default);

    /// <summary>
    /// test/setup's token: an access token only (IFTTT gets no refresh token from test/setup, so none is minted), and
    /// the user's older tokens beyond the newest <see cref="AccessTokenIssuer.TestTokensKept"/> deleted, so repeated
    /// endpoint-test runs cannot pile up token rows (decision 0018).
    /// </summary>
    Task<string> IssueTestAccessTokenAsync(string userId, HttpRequest request, CancellationToken ct = default);
}

public sealed record IssuedTokens(string AccessToken, string? RefreshToken);
