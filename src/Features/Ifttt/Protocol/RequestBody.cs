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
        using var bytes = await ReadBytesAsync(request, limit, ct);
        return bytes.Error is not null ? new BodyRead(null, bytes.Error) : Parse(bytes.Content);
    }

    /// <summary>
    /// The raw body, without parsing it, so a caller can read it outside a costlier admission (ingest parses and
    /// stores under one). A body that ends before its Content-Length, arrives slower than Kestrel's minimum rate or
    /// not within <paramref name="deadline"/> is answered in IFTTT's shape (400, 408). The deadline cancels the pending
    /// read (<see cref="System.IO.Pipelines.PipeReader.CancelPendingRead"/>) rather than a token, which would leave
    /// Kestrel's body reader unusable for draining the rest.
    /// </summary>
    public static async Task<BodyBytes> ReadBytesAsync(HttpRequest request, long limit, CancellationToken ct, TimeSpan? deadline = null)
    {
        if (request.ContentLength > limit)
        {
            return new BodyBytes(null, TooLarge(limit), BodyOutcome.TooLarge);
        }

        var reader = request.BodyReader;
        using var timer = deadline is { } after ? new CancellationTokenSource(after) : null;
        await using var expiry = timer?.Token.Register(reader.CancelPendingRead);
        var buffer = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(ct);
                if (result.IsCanceled)
                {
                    // Every read must be advanced past, or Kestrel can't drain the rest after the answer.
                    reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                    buffer.Dispose();
                    return new BodyBytes(null, IftttResults.Error(StatusCodes.Status408RequestTimeout,
                        $"The request body did not arrive within {deadline!.Value.TotalSeconds:0.#} s; send it again."), BodyOutcome.Deadline);
                }
                foreach (var segment in result.Buffer)
                {
                    if (buffer.Length + segment.Length > limit)
                    {
                        reader.AdvanceTo(result.Buffer.End);
                        buffer.Dispose();
                        return new BodyBytes(null, TooLarge(limit), BodyOutcome.TooLarge);
                    }
                    buffer.Write(segment.Span);
                }
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return new BodyBytes(buffer, null, BodyOutcome.Read);
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            buffer.Dispose();
            return ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => new BodyBytes(null, TooLarge(limit), BodyOutcome.TooLarge),
                StatusCodes.Status408RequestTimeout => new BodyBytes(null, TooSlow(), BodyOutcome.TooSlow),
                _ => new BodyBytes(null, IftttResults.BadRequest("The request body ended before its declared Content-Length."), BodyOutcome.EndedEarly),
            };
        }
    }

    public static JsonHttpResult<ErrorEnvelope> TooSlow() =>
        IftttResults.Error(StatusCodes.Status408RequestTimeout, "The request body arrived too slowly; send it again at a steady rate.");

    public static BodyRead Parse(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new BodyRead(null, null);
        }
        if (!JsonText.StringsAreValid(bytes.Span))
        {
            return new BodyRead(null, IftttResults.BadRequest(
                "The request body has a string that is not valid Unicode (invalid UTF-8 bytes or a lone surrogate escape such as \\ud800) or holds a NUL character (\\u0000)."));
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

    private static JsonHttpResult<ErrorEnvelope> TooLarge(long limit) =>
        IftttResults.Error(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit / 1024} KiB.");
}

public enum BodyOutcome { Read, TooLarge, TooSlow, Deadline, EndedEarly }

/// <summary>The raw body (disposed with this) or the error to answer with, and why.</summary>
public sealed record BodyBytes(MemoryStream? Buffer, JsonHttpResult<ErrorEnvelope>? Error, BodyOutcome Outcome) : IDisposable
{
    public ReadOnlyMemory<byte> Content => Buffer is null ? default : Buffer.GetBuffer().AsMemory(0, (int)Buffer.Length);

    public void Dispose() => Buffer?.Dispose();
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
