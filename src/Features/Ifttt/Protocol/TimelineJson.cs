using System.Buffers;
using System.Buffers.Text;
using System.Text;
using AdminPortal.Features.Timelines;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// Builds response items from stored ingredient JSON without parsing it: the stored object is
/// written as is, with <c>meta</c> appended. Keeps the poll free of per-item serialization.
/// </summary>
public static class TimelineJson
{
    /// <summary>One item as a string (the dashboard's views of it); the poll writes bytes with <see cref="WriteWithMeta"/>.</summary>
    public static string WithMeta(TimelineItem item)
    {
        var output = new ArrayBufferWriter<byte>(item.Ingredients.Length + 64);
        WriteWithMeta(output, Encoding.UTF8.GetBytes(item.Ingredients), item.Id, item.OccurredAt);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>
    /// The stored object with <c>meta</c> appended, from its UTF-8 bytes straight into a response buffer.
    /// Ids are ULIDs (no characters that need escaping); timestamp is integer seconds as IFTTT requires.
    /// </summary>
    public static void WriteWithMeta(IBufferWriter<byte> output, ReadOnlySpan<byte> ingredients, string id, DateTimeOffset occurredAt)
    {
        var body = ingredients.TrimEnd(" \t\r\n"u8)[..^1].TrimEnd(" \t\r\n"u8);
        output.Write(body);
        if (body.Length > 1)
        {
            output.Write(","u8);
        }
        output.Write("\"meta\":{\"id\":\""u8);
        Encoding.UTF8.GetBytes(id, output);
        output.Write("\",\"timestamp\":"u8);
        var number = output.GetSpan(20);
        Utf8Formatter.TryFormat(occurredAt.ToUnixTimeSeconds(), number, out var written);
        output.Advance(written);
        output.Write("}}"u8);
    }
}
