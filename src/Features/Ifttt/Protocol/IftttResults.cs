using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>Typed results in IFTTT's shapes; every error carries the errors body, never HTML.</summary>
public static class IftttResults
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static JsonHttpResult<ErrorEnvelope> Error(int statusCode, string message) =>
        TypedResults.Json(ErrorEnvelope.Of(message), IftttJsonContext.Default.ErrorEnvelope, JsonContentType, statusCode);

    public static JsonHttpResult<ErrorEnvelope> BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static JsonHttpResult<ErrorEnvelope> Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, message);

    public static JsonHttpResult<ErrorEnvelope> NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    /// <summary>
    /// 429 with Retry-After: too many failed credentials from this address. Only failures are counted, so a caller with
    /// the right key is never answered this (decision 0016).
    /// </summary>
    public static JsonHttpResult<ErrorEnvelope> TooManyFailures(HttpResponse response, TimeSpan wait, string what)
    {
        Throttling.FailureThrottle.MarkTooMany(response, wait);
        return Error(StatusCodes.Status429TooManyRequests,
            $"Too many requests with a wrong {what} from this address; retry after {Throttling.FailureThrottle.Seconds(wait)} seconds.");
    }

    /// <summary>An action that can never succeed for this input: IFTTT shows the message and does not retry.</summary>
    public static JsonHttpResult<ErrorEnvelope> Skip(string message) =>
        TypedResults.Json(ErrorEnvelope.Of(message, "SKIP"), IftttJsonContext.Default.ErrorEnvelope, JsonContentType, StatusCodes.Status400BadRequest);

    public static JsonHttpResult<DataEnvelope<T>> Data<T>(T data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<DataEnvelope<T>> typeInfo) =>
        TypedResults.Json(new DataEnvelope<T>(data), typeInfo, JsonContentType);
}
