using System.Text.Json;
using Json.Pointer;

namespace AdminPortal.Features.ProductApi.Requests;

/// <summary>How a call to the product ended, in the terms its callers decide on.</summary>
public enum ProductCallOutcome
{
    /// <summary>2xx.</summary>
    Success,
    /// <summary>A declared SkipStatus: this input can never work.</summary>
    Skip,
    /// <summary>429, 5xx or another status nobody declared: worth trying again later.</summary>
    Failed,
    Timeout,
    NetworkError,
    /// <summary>The user's product link cannot be used (no link, or the refresh was refused).</summary>
    LinkBroken,
    /// <summary>Rendering produced a request that must not be sent (see <see cref="RequestRefusedException"/>).</summary>
    Refused,
}

/// <summary>The product's answer. <see cref="Body"/> is the parsed JSON (undefined when none or not JSON).</summary>
public sealed record ProductResponse(ProductCallOutcome Outcome, int? Status, JsonElement Body, string Message, double LatencyMs)
{
    public bool IsSuccess => Outcome == ProductCallOutcome.Success;

    /// <summary>The product's Retry-After (429/503), as a delay from now; null when it sent none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The value at <paramref name="pointer"/> as text (strings as-is, numbers and booleans as JSON); null when absent.</summary>
    public string? Read(JsonPointer? pointer) => ResponseReader.Text(Body, pointer);
}

/// <summary>JSON Pointer reads over a product answer.</summary>
public static class ResponseReader
{
    public static JsonElement? Find(JsonElement root, JsonPointer? pointer) =>
        pointer is not { } p || root.ValueKind == JsonValueKind.Undefined ? null : p.Evaluate(root);

    public static string? Text(JsonElement root, JsonPointer? pointer) => Find(root, pointer) is { } value ? Text(value) : null;

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
