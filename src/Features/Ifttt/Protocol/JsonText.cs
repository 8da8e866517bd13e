using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// Whether every string of a JSON text is real Unicode without NUL characters. System.Text.Json parses a document with invalid UTF-8 bytes
/// or a lone surrogate escape (<c>"\ud800"</c>) in a string and only throws when the string is read — deep inside an
/// endpoint, as a 500 that a retrying client would resend forever. One reader pass up front makes it the client's 400.
/// Plain ASCII strings without escapes (nearly all of them) cost a vectorised check and nothing else.
/// </summary>
public static class JsonText
{
    /// <summary>False when a string or member name is not valid Unicode or holds a NUL; true otherwise (malformed JSON included: the parser says so).</summary>
    public static bool StringsAreValid(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || IsValid(ref reader))
                {
                    continue;
                }
                return false;
            }
        }
        catch (JsonException)
        {
            return true;
        }
        return true;
    }

    private static bool IsValid(ref Utf8JsonReader reader)
    {
        // Without a value sequence: the reader runs over one contiguous span.
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return Ascii.IsValid(raw) || System.Text.Unicode.Utf8.IsValid(raw);
        }
        var chars = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            // An escaped NUL is valid Unicode, but no text field means it and PostgreSQL cannot store it: the IFTTT
            // answer is sent before the bookkeeping writes that would fail on it, so it is refused here (unescaped
            // control characters are already a parse error).
            var written = reader.CopyString(chars);
            return !chars.AsSpan(0, written).Contains('\0');
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
