using AdminPortal.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using AdminPortal.Features.ProductLink;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary><c>GET status</c> (service key) and <c>GET user/info</c> (bearer).</summary>
public static class StatusEndpoints
{
    /// <summary>Maintenance and sunset answer 503 before this runs (<see cref="AvailabilityFilter"/>).</summary>
    public static Ok Status() => TypedResults.Ok();

    /// <summary>
    /// Also IFTTT's periodic token health check. <c>id</c> is the permanent user id (the Realtime user_id): the
    /// product's subject for users who signed in through the product, AdminPortal's own id for local accounts.
    /// </summary>
    public static async Task<Results<JsonHttpResult<DataEnvelope<UserInfo>>, JsonHttpResult<ErrorEnvelope>>> UserInfoAsync(
        HttpContext http, UserManager<AppUser> users, ProductLinkStatus productLinks, IOptions<ProductOptions> product)
    {
        var user = await users.FindByIdAsync(IftttRequestInfo.UserIdOf(http));
        if (user is null)
        {
            return IftttResults.Unauthorized("The account behind this access token no longer exists.");
        }
        if (await productLinks.GetAsync(user.Id, http.RequestAborted) is { } link)
        {
            return IftttResults.Data(new UserInfo(link.DisplayName ?? user.UserName ?? link.Subject, link.Subject, product.Value.AccountUrl),
                IftttJsonContext.Default.DataEnvelopeUserInfo);
        }
        var request = http.Request;
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}/Account";
        return IftttResults.Data(new UserInfo(user.UserName ?? user.Email ?? user.Id, user.Id, url), IftttJsonContext.Default.DataEnvelopeUserInfo);
    }
}
