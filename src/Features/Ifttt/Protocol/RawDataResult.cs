using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// <c>{"data":[…],"cursor"?}</c> from items that are already JSON text (stored ingredients plus meta):
/// the poll writes them as they are instead of parsing and re-serializing each event.
/// </summary>
public sealed class RawDataResult(IReadOnlyList<string> items, string? cursor = null) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public IReadOnlyList<string> Items => items;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = IftttResults.JsonContentType;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var item in items)
        {
            // Built by this app from JSON it stored itself; re-validating every byte would cost the hot path.
            writer.WriteRawValue(item, skipInputValidation: true);
        }
        writer.WriteEndArray();
        if (cursor is not null)
        {
            writer.WriteString("cursor", cursor);
        }
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), [IftttResults.JsonContentType]));
}
