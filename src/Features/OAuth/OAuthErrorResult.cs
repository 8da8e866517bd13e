using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace AdminPortal.Features.OAuth;

internal static class OAuthErrorResult
{
    /// <summary>
    /// An OAuth error answered by OpenIddict from a passthrough handler: at the token endpoint a JSON
    /// 400 with <c>error</c> and <c>error_description</c>; at the authorize endpoint a redirect to the
    /// client with <c>error</c> and the untouched <c>state</c>.
    /// </summary>
    public static IResult Create(string error, string description) =>
        TypedResults.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
