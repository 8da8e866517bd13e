using System.Net;
using AdminPortal.Shared;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Authorize;

/// <summary>
/// An authorization error that cannot go back to the client — unknown client_id, or a redirect_uri that
/// is not the registered one — is shown to the person in the browser as a page, instead of OpenIddict's
/// bare status code. Errors that can be redirected (access_denied, …) never reach here.
/// </summary>
internal sealed class AuthorizeErrorPage(IConfiguration configuration) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseSingletonHandler<AuthorizeErrorPage>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessStatusCodePagesErrorResponse<ApplyAuthorizationResponseContext>.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        if (!string.IsNullOrEmpty(context.RedirectUri) || string.IsNullOrEmpty(context.Response.Error) ||
            context.Transaction.GetHttpRequest()?.HttpContext.Response is not { } response)
        {
            return;
        }

        var description = context.Response.ErrorDescription ?? context.Response.Error;
        var brand = WebUtility.HtmlEncode(ServiceBranding.Name(configuration));
        var html = PlainPage.Html(brand, "Cannot connect", $"""
            <h1>This connection request cannot be completed</h1>
            <p>The app that sent you here asked in a way this site does not accept, so you were not sent back to it.</p>
            <p class="form-error" role="alert">{WebUtility.HtmlEncode(description)}</p>
            <p>Try connecting again from the app. If it keeps happening, tell the app's support (error
            <code>{WebUtility.HtmlEncode(context.Response.Error)}</code>); nothing was shared.</p>
            """);
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(html, context.CancellationToken);
        context.HandleRequest();
    }
}
