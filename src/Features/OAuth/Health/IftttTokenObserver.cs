using AdminPortal.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>
/// Watches IFTTT's calls to the user endpoints under /ifttt/v1 without touching them: after the
/// endpoint has answered, a user/info call is recorded as a check with its outcome and any 401 as a
/// failure with its reason. Calls that only carry the service key (status, test/setup) are left out.
/// </summary>
internal sealed class IftttTokenObserver(RequestDelegate next, TimeProvider clock)
{
    public const string PathPrefix = RoutePrefixes.IftttV1;
    private const string UserInfoPath = RoutePrefixes.IftttV1 + "/user/info";

    public async Task InvokeAsync(HttpContext http, TokenHealthRecorder recorder)
    {
        await next(http);

        var path = http.Request.Path;
        var isUserInfo = path.Equals(UserInfoPath, StringComparison.OrdinalIgnoreCase);
        var status = http.Response.StatusCode;
        if (!isUserInfo && (status != StatusCodes.Status401Unauthorized || IsServiceKeyOnly(path)))
        {
            return;
        }

        var kind = isUserInfo ? TokenCheckKind.UserInfo : TokenCheckKind.ApiCall;
        if (status is >= 200 and < 300)
        {
            var observed = http.Items[typeof(AccessTokenObservation)] as AccessTokenObservation;
            await recorder.QueueAsync(new TokenCheckEvent(observed?.UserId, kind, Succeeded: true, StatusCode: status));
            return;
        }

        var (userId, reason, detail) = await ExplainAsync(http, status);
        await recorder.RecordAsync(new TokenCheckEvent(userId, kind, Succeeded: false, reason, detail, status), CancellationToken.None);
    }

    /// <summary>Whose token it was and why it failed, from what validation saw (cached per request, so not re-run).</summary>
    private async Task<(string? UserId, string Reason, string? Detail)> ExplainAsync(HttpContext http, int status)
    {
        if (!http.Request.Headers[HeaderNames.Authorization].ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TokenFailureReasons.Missing, $"HTTP {status}");
        }

        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        var observed = http.Items[typeof(AccessTokenObservation)] as AccessTokenObservation;
        var description = result.Properties?.GetString(OpenIddictValidationAspNetCoreConstants.Properties.ErrorDescription);
        if (result.Succeeded)
        {
            // The token was fine; the endpoint refused for its own reason (e.g. the account is gone).
            return (result.Principal.GetClaim(OpenIddictConstants.Claims.Subject), TokenFailureReasons.Rejected, $"HTTP {status}");
        }
        if (observed is null)
        {
            return (null, TokenFailureReasons.Malformed, description);
        }
        var reason = observed.ExpiresAt is { } expires && expires <= clock.GetUtcNow()
            ? TokenFailureReasons.Expired
            : TokenFailureReasons.Revoked;
        return (observed.UserId, reason, description);
    }

    private static bool IsServiceKeyOnly(PathString path) =>
        path.StartsWithSegments(RoutePrefixes.IftttV1 + "/status", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments(RoutePrefixes.IftttV1 + "/test", StringComparison.OrdinalIgnoreCase);
}
