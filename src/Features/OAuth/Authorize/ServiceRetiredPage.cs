using System.Net;
using AdminPortal.Shared;

namespace AdminPortal.Features.OAuth.Authorize;

/// <summary>After the sunset, new IFTTT links are refused with a page that says why (410 Gone), never a code.</summary>
internal static class ServiceRetiredPage
{
    public static IResult Create(IConfiguration configuration, string sunsetMessage)
    {
        var brand = WebUtility.HtmlEncode(ServiceBranding.Name(configuration));
        var html = PlainPage.Html(brand, "No longer on IFTTT", $"""
            <h1>{brand} is no longer available on IFTTT</h1>
            <p>{WebUtility.HtmlEncode(sunsetMessage)}</p>
            <p>New connections cannot be made. Your account here is unaffected.</p>
            """);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status410Gone);
    }
}
