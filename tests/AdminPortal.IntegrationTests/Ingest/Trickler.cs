using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AdminPortal.IntegrationTests.Ingest;

/// <summary>The server's answer to a trickled upload: status line code, and errors[0].message when there is one.</summary>
public sealed record TrickleAnswer(int Status, string Body)
{
    public string? ErrorMessage =>
        Body.Length > 0 && JsonDocument.Parse(Body).RootElement.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("message").GetString() : null;
}

/// <summary>
/// Sends <c>POST /api/v1/events</c> with a declared Content-Length whose body comes one byte per 100 ms over a raw
/// socket, reading the answer at the same time: a slow sender that still hears an early response.
/// </summary>
public static class Trickler
{
    public static async Task<TrickleAnswer> SendAsync(Uri server, string ingestKey, int contentLength, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, ct);
        var stream = tcp.GetStream();
        var head = $"POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {ingestKey}\r\n" +
                   $"Content-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n[";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);

        var answer = ReadAnswerAsync(stream, ct);
        try
        {
            for (var sent = 1; sent < contentLength && !answer.IsCompleted; sent++)
            {
                await Task.WhenAny(answer, Task.Delay(100, ct));
                if (!answer.IsCompleted)
                {
                    await stream.WriteAsync(" "u8.ToArray(), ct);
                }
            }
        }
        catch (IOException)
        {
            // The server closed after answering.
        }
        return await answer;
    }

    /// <summary>Reads until the server closes or the (possibly chunked) JSON answer is complete.</summary>
    private static async Task<TrickleAnswer> ReadAnswerAsync(NetworkStream stream, CancellationToken ct)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while (!Complete(Encoding.UTF8.GetString(received.ToArray())) && (read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            received.Write(buffer, 0, read);
        }
        var all = Encoding.UTF8.GetString(received.ToArray());
        var split = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new IOException($"The server closed without an answer: '{all}'");
        }
        var body = all[(split + 4)..];
        // The JSON itself, whether it came with Content-Length or in chunks.
        var json = body.Contains('{') ? body[body.IndexOf('{')..(body.LastIndexOf('}') + 1)] : "";
        return new TrickleAnswer(int.Parse(all.Split(' ', 3)[1]), json);
    }

    private static bool Complete(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }
        var head = text[..end];
        var body = text[(end + 4)..];
        return HeaderValue(head, "Content-Length") is { } length
            ? Encoding.UTF8.GetByteCount(body) >= int.Parse(length)
            : body.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }

    private static string? HeaderValue(string head, string name) =>
        head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();
}
