using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// <c>{"data":[…],"cursor"?}</c> assembled as UTF-8 while the rows are read and written to the response in one piece:
/// the poll's answer never becomes .NET strings (stored ingredient JSON goes from SQLite's bytes to the socket). The
/// one result for every answer made of stored JSON items (polls, queries).
/// </summary>
public sealed class Utf8DataResult : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private readonly ArrayBufferWriter<byte> _body = new(8 * 1024);
    private bool _closed;

    public Utf8DataResult() => _body.Write("{\"data\":["u8);

    public int Count { get; private set; }

    public int? StatusCode => StatusCodes.Status200OK;

    /// <summary>The <c>cursor</c> member after the items, when another page exists.</summary>
    public string? Cursor { get; set; }

    /// <summary>Appends stored JSON text as the next item, as is: it was written by this app, so it is not re-validated.</summary>
    public void AddItem(ReadOnlySpan<byte> json) => NextItem().Write(json);

    /// <summary>Starts the next array item: write exactly one JSON value into the returned writer.</summary>
    public IBufferWriter<byte> NextItem()
    {
        if (Count++ > 0)
        {
            _body.Write(","u8);
        }
        return _body;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (!_closed)
        {
            _body.Write("]"u8);
            if (Cursor is not null)
            {
                _body.Write(",\"cursor\":\""u8);
                _body.Write(JsonEncodedText.Encode(Cursor).EncodedUtf8Bytes);
                _body.Write("\""u8);
            }
            _body.Write("}"u8);
            _closed = true;
        }
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = IftttResults.JsonContentType;
        await httpContext.Response.BodyWriter.WriteAsync(_body.WrittenMemory, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), [IftttResults.JsonContentType]));
}
