using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Runs OpenIddict's own sign-in pipeline (the one the token endpoint runs) for a synthetic token
/// request of the IFTTT client, so the tokens are exactly like real ones: same keys, same format,
/// stored as token entries under a permanent authorization, revocable the same way.
/// </summary>
internal sealed class AccessTokenIssuer(
    IOpenIddictServerFactory factory,
    IOpenIddictServerDispatcher dispatcher,
    IOpenIddictApplicationManager applications,
    UserManager<AppUser> users,
    IftttPrincipalFactory principals,
    IOptions<IftttClientOptions> client,
    MintedTokenTrimmer trimmer) : IAccessTokenIssuer
{
    /// <summary>Never accepted by the token endpoint; it only labels tokens minted here.</summary>
    public const string GrantType = "urn:adminportal:grant-type:test-setup";

    /// <summary>
    /// How many of the test user's tokens survive a test/setup: a few endpoint-test runs may overlap, each holding the
    /// token its own test/setup returned; ten more test/setups during one run is far beyond what IFTTT does.
    /// </summary>
    public const int TestTokensKept = 10;

    public async Task<IssuedTokens> IssueAsync(string userId, HttpRequest request, CancellationToken ct = default) =>
        (await IssueAsync(userId, request, withRefreshToken: true, ct)).Tokens;

    public async Task<string> IssueTestAccessTokenAsync(string userId, HttpRequest request, CancellationToken ct = default)
    {
        var (tokens, entryId) = await IssueAsync(userId, request, withRefreshToken: false, ct);
        await trimmer.KeepNewestAsync(userId, TestTokensKept, entryId, ct);
        return tokens.AccessToken;
    }

    private async Task<(IssuedTokens Tokens, string? AccessTokenEntryId)> IssueAsync(string userId, HttpRequest request, bool withRefreshToken, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        var application = await applications.FindByClientIdAsync(client.Value.ClientId, ct)
            ?? throw new InvalidOperationException("The IFTTT OAuth client is not registered.");

        var principal = await principals.CreateAsync(user, application, ct);
        if (!withRefreshToken)
        {
            // Without offline_access OpenIddict mints no refresh token; the authorization (found by its scopes) stays the same.
            principal.SetScopes(OAuthServerExtensions.IftttScope);
        }

        var transaction = await factory.CreateTransactionAsync();
        var baseUri = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        transaction.BaseUri = baseUri;
        transaction.RequestUri = new Uri(baseUri, OAuthServerExtensions.TokenEndpoint);
        transaction.EndpointType = OpenIddictServerEndpointType.Token;
        transaction.Request = new OpenIddictRequest { GrantType = GrantType, ClientId = client.Value.ClientId };
        transaction.Properties[MintedTokenResponseHandler.MarkerProperty] = true;
        // OpenIddict's ASP.NET Core host reads the issuer (scheme, host, path base) from the request it finds here.
        transaction.Properties[typeof(HttpRequest).FullName!] = new WeakReference<HttpRequest>(request);

        var context = new ProcessSignInContext(transaction) { Principal = principal, Response = new OpenIddictResponse() };
        await dispatcher.DispatchAsync(context);
        if (context.IsRejected || context.Response.AccessToken is null)
        {
            throw new InvalidOperationException($"OpenIddict refused to issue tokens: {context.Error} {context.ErrorDescription}");
        }
        // OpenIddict stamps the stored entry's id on the access token's principal when it creates the entry.
        return (new IssuedTokens(context.Response.AccessToken, context.Response.RefreshToken), context.AccessTokenPrincipal?.GetTokenId());
    }
}
