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
    IOptions<IftttClientOptions> client) : IAccessTokenIssuer
{
    /// <summary>Never accepted by the token endpoint; it only labels tokens minted here.</summary>
    public const string GrantType = "urn:adminportal:grant-type:test-setup";

    public async Task<IssuedTokens> IssueAsync(string userId, HttpRequest request, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        var application = await applications.FindByClientIdAsync(client.Value.ClientId, ct)
            ?? throw new InvalidOperationException("The IFTTT OAuth client is not registered.");

        var principal = await principals.CreateAsync(user, application, ct);

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
        return new IssuedTokens(context.Response.AccessToken, context.Response.RefreshToken);
    }
}
