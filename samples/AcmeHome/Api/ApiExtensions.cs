using System.Text.Json;
using AcmeHome.Hosting;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AcmeHome.Api;

public static class ApiExtensions
{
    public static void AddAcmeApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<EventRecorder>();
    }

    public static void MapAcmeApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(RequireBearerAsync);
        api.MapHomeEndpoints();
        api.MapCommandEndpoints();
        api.MapEventEndpoints();
    }

    /// <summary>The signed-in user's id, set by the bearer filter.</summary>
    public static string UserId(this HttpContext ctx) => ctx.User.GetClaim(Claims.Subject)!;

    /// <summary>
    /// Every API call needs the user's access token (validated locally, including its token entry, so revoked
    /// tokens fail at once). A failure answers the product's JSON error with a Bearer challenge, as RFC 6750 says.
    /// </summary>
    private static async ValueTask<object?> RequireBearerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        var result = await ctx.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (result.Succeeded && result.Principal.GetClaim(Claims.Subject) is not null)
        {
            ctx.User = result.Principal;
            return await next(context);
        }

        var hasToken = ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var message = hasToken
            ? "The access token is invalid, revoked or expired."
            : "The request has no bearer access token.";
        ctx.Response.Headers.WWWAuthenticate =
            $"Bearer realm=\"acme-home\", error=\"invalid_token\", error_description=\"{message}\"";
        return ApiError.Result(StatusCodes.Status401Unauthorized, "invalid_token", message);
    }

    /// <summary>Reads an optional JSON body: none → default; unreadable → an error result.</summary>
    public static async Task<(T? Body, IResult? Error)> ReadOptionalBodyAsync<T>(this HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return (null, null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "Send the body as application/json."));
        }

        try
        {
            return (await request.ReadFromJsonAsync<T>(Json.Options, ct), null);
        }
        catch (JsonException e)
        {
            return (null, ApiError.BadRequest("invalid_json", $"The body is not valid JSON for this request: {e.Message}"));
        }
    }
}
