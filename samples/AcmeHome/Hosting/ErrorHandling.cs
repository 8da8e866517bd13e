using Microsoft.AspNetCore.Diagnostics;

namespace AcmeHome.Hosting;

public static class ErrorHandling
{
    /// <summary>
    /// API callers always get the JSON error body: an unhandled exception is a 500 without a stack trace, and an
    /// empty framework answer (unknown route, 405, 415, a body that does not bind) gets a body that says what it is.
    /// </summary>
    public static void UseAcmeErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ctx => ApiError.WriteAsync(ctx, StatusCodes.Status500InternalServerError,
                "server_error", "Something went wrong on our side. Try again later."),
        });
        app.UseStatusCodePages(async status =>
        {
            var ctx = status.HttpContext;
            if (!IsApi(ctx.Request.Path))
            {
                return;
            }

            var (error, message) = ctx.Response.StatusCode switch
            {
                400 => ("bad_request", "The request could not be read."),
                401 => ("invalid_token", "The access token is missing, invalid or expired."),
                404 => ("not_found", $"There is no {ctx.Request.Path}."),
                405 => ("method_not_allowed", $"{ctx.Request.Method} is not allowed on {ctx.Request.Path}."),
                415 => ("unsupported_media_type", "Send the body as application/json."),
                _ => ("error", $"The request failed with status {ctx.Response.StatusCode}."),
            };
            await ApiError.WriteAsync(ctx, ctx.Response.StatusCode, error, message);
        });
    }

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/_admin") || path.StartsWithSegments("/_faults");
}
