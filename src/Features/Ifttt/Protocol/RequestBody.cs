using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// Reads a JSON body by hand instead of through minimal-API binding: any Content-Type (or none) is
/// accepted, because IFTTT's options calls may omit it; unknown members are simply never looked at;
/// malformed JSON is a 400 and an oversize body a 413, both in IFTTT's errors shape.
/// </summary>
public static class RequestBody
{
    /// <summary>IFTTT bodies are a few hundred bytes; 1 MiB is generous and keeps memory bounded.</summary>
    public const long DefaultLimit = 1024 * 1024;

    public static async Task<BodyRead> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return TooLarge(limit);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new BodyRead(null, null);
        }
        if (!JsonText.StringsAreValid(bytes.Span))
        {
            return new BodyRead(null, IftttResults.BadRequest(
                "The request body has a string that is not valid Unicode (invalid UTF-8 bytes or a lone surrogate escape such as \\ud800)."));
        }
        try
        {
            return new BodyRead(JsonDocument.Parse(bytes), null);
        }
        catch (JsonException)
        {
            return new BodyRead(null, IftttResults.BadRequest("The request body is not valid JSON."));
        }
    }

    private static BodyRead TooLarge(long limit) =>
        new(null, IftttResults.Error(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit / 1024} KiB."));
}

/// <summary>The parsed body (null when empty) or the error to answer with.</summary>
public sealed record BodyRead(JsonDocument? Document, JsonHttpResult<ErrorEnvelope>? Error) : IDisposable
{
    /// <summary>The root object's member, when the body is an object that has it.</summary>
    public bool TryGetMember(string name, out JsonElement value)
    {
        value = default;
        return Document is { RootElement.ValueKind: JsonValueKind.Object } doc && doc.RootElement.TryGetProperty(name, out value);
    }

    public bool IsObjectOrEmpty => Document is null || Document.RootElement.ValueKind == JsonValueKind.Object;

    public void Dispose() => Document?.Dispose();
}
