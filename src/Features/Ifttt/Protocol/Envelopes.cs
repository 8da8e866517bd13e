using System.Text.Json.Serialization;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>IFTTT's success body: <c>{"data": ...}</c>.</summary>
public sealed record DataEnvelope<T>(T Data);

/// <summary>IFTTT's error body: <c>{"errors":[{"message"}]}</c>; <c>status: "SKIP"</c> on skipped actions.</summary>
public sealed record ErrorEnvelope(IReadOnlyList<ErrorItem> Errors)
{
    public static ErrorEnvelope Of(string message, string? status = null) => new([new ErrorItem(message, status)]);
}

public sealed record ErrorItem(
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status = null);
