using System.Text.Json;

namespace AcmeHome.Hosting;

/// <summary>The product's error body: <c>{"error":"&lt;code&gt;","message":"&lt;human text&gt;"}</c>.</summary>
public sealed record ApiError(string Error, string Message)
{
    public static IResult Result(int status, string error, string message) =>
        Results.Json(new ApiError(error, message), statusCode: status);

    public static IResult NotFound(string message) => Result(StatusCodes.Status404NotFound, "not_found", message);

    public static IResult Invalid(string message) =>
        Result(StatusCodes.Status422UnprocessableEntity, "validation_failed", message);

    public static IResult BadRequest(string error, string message) => Result(StatusCodes.Status400BadRequest, error, message);

    public static Task WriteAsync(HttpContext ctx, int status, string error, string message)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(new ApiError(error, message), Json.Options);
    }
}

/// <summary>The product's JSON style (snake_case), for bodies written outside minimal-API results.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Times as the product shows them: UTC, whole seconds, <c>Z</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
