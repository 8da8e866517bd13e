using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.OAuth.Health;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// Sees every token response just before it is written, including the errors OpenIddict produces
/// before our passthrough handler would run: a refresh (good or refused) and a new link go on the
/// user's token health, and a good one stamps the connection's "last used". Never sees a token value.
/// </summary>
internal sealed class TokenResponseObserver(TokenHealthRecorder health, ConnectionUsageRecorder usage)
    : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseScopedHandler<TokenResponseObserver>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyTokenResponseContext>.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var request = context.Request;
        var isRefresh = request?.IsRefreshTokenGrantType() == true;
        if (!isRefresh && request?.IsAuthorizationCodeGrantType() != true)
        {
            return; // includes the tokens AccessTokenIssuer mints for test/setup
        }

        var properties = context.Transaction.Properties;
        var userId = properties.TryGetValue(GrantSubjectHandler.SubjectProperty, out var s) ? s as string : null;
        var authorizationId = properties.TryGetValue(GrantSubjectHandler.AuthorizationProperty, out var a) ? a as string : null;
        var kind = isRefresh ? TokenCheckKind.Refresh : TokenCheckKind.Link;

        if (string.IsNullOrEmpty(context.Response.Error))
        {
            await usage.TouchAsync(authorizationId, context.CancellationToken);
            // Queued: the refresh answers without waiting for the token-health writes (decision 0032).
            await health.QueueAsync(new TokenCheckEvent(userId, kind, Succeeded: true, StatusCode: 200));
        }
        else if (isRefresh)
        {
            var status = context.Response.Error == OpenIddictConstants.Errors.InvalidClient ? 401 : 400;
            var reason = properties.ContainsKey(RefreshTokenReuseHandler.ReplayProperty) ? TokenFailureReasons.Replayed : context.Response.Error;
            await health.RecordAsync(new TokenCheckEvent(userId, kind, Succeeded: false,
                reason, context.Response.ErrorDescription, status), CancellationToken.None);
        }
    }
}
