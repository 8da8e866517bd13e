using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AdminPortal.Features.Ifttt.Timelines;

/// <summary>
/// Builds response items from stored ingredient JSON without parsing it: the stored object is
/// written as is, with <c>meta</c> appended. Keeps the poll free of per-item serialization.
/// </summary>
public static class TimelineJson
{
    public static string WithMeta(TimelineItem item)
    {
        var ingredients = item.Ingredients.AsSpan().TrimEnd();
        var body = ingredients[..^1].TrimEnd(); // drop the closing brace
        var builder = new StringBuilder(item.Ingredients.Length + 64);
        builder.Append(body);
        if (body.Length > 1)
        {
            builder.Append(',');
        }
        // Ids are ULIDs (no characters that need escaping); timestamp is integer seconds as IFTTT requires.
        builder.Append("\"meta\":{\"id\":\"").Append(item.Id).Append("\",\"timestamp\":")
            .Append(item.OccurredAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append("}}");
        return builder.ToString();
    }

    /// <summary><see cref="WithMeta"/> from the stored UTF-8 bytes straight into a response buffer.</summary>
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
