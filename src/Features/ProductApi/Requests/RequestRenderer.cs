using System.Buffers;
using System.Text.Json;
using Fluid;

namespace AdminPortal.Features.ProductApi.Requests;

/// <summary>One declared request rendered for one call: absolute URL on the product's host, headers, JSON body bytes.</summary>
public sealed record RenderedRequest(HttpMethod Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body);

/// <summary>A rendered request that would leave the product's API or break HTTP framing; never sent.</summary>
public sealed class RequestRefusedException(string message) : Exception(message);

/// <summary>
/// Renders a <see cref="DeclaredRequest"/> from a template model. Where values land decides how they are made safe:
/// in the path each value is URL-encoded and the result must stay a plain path on the product's host; in a header
/// no CR/LF or other control character; in the body each leaf is written as a JSON string, so no value can change the
/// JSON's structure.
/// </summary>
public static class RequestRenderer
{
    public const int MaxPathLength = 4096;

    public static RenderedRequest Render(DeclaredRequest request, IReadOnlyDictionary<string, object?> model, Uri apiBaseUrl)
    {
        var context = RequestTemplates.Context(model);
        var url = Url(apiBaseUrl, RequestTemplates.RenderUrl(request.Path, context));
        var headers = request.Headers
            .Select(h => KeyValuePair.Create(h.Name, HeaderValue(h.Name, RequestTemplates.RenderText(h.Value, context))))
            .ToList();
        return new RenderedRequest(request.Method, url, headers, request.Body is null ? null : Body(request.Body, context));
    }

    /// <summary>The base URL's scheme, host and port always; the rendered path appended below its path.</summary>
    public static Uri Url(Uri apiBaseUrl, string renderedPath)
    {
        if (renderedPath.Length > MaxPathLength)
        {
            throw new RequestRefusedException($"The product URL would be longer than {MaxPathLength} characters.");
        }
        if (!renderedPath.StartsWith('/') || renderedPath.StartsWith("//", StringComparison.Ordinal) || renderedPath.Contains('\\')
            || renderedPath.Contains("://", StringComparison.Ordinal) || renderedPath.Any(char.IsControl))
        {
            throw new RequestRefusedException("The product URL would not be a plain path on the product's API.");
        }
        var pathOnly = renderedPath.Split('?', '#')[0];
        foreach (var segment in pathOnly.Split('/'))
        {
            // Decoded too: a product (or a proxy in front of it) that decodes %2e%2e before routing must not see "..".
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded.Contains('\\') || decoded.Split('/').Any(part => part is "." or ".."))
            {
                throw new RequestRefusedException("The product URL would contain a '..' segment.");
            }
        }
        var basePath = apiBaseUrl.AbsolutePath.TrimEnd('/');
        var url = new Uri($"{apiBaseUrl.GetLeftPart(UriPartial.Authority)}{basePath}{renderedPath}", UriKind.Absolute);
        // Belt and braces: whatever the text was, the request goes to the configured origin only.
        if (Uri.Compare(url, apiBaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new RequestRefusedException("The product URL would leave the product's API.");
        }
        return url;
    }

    public static string HeaderValue(string name, string value)
    {
        // CR/LF would start a new header (or a body); other control characters are refused by HTTP too.
        if (value.Any(c => c is '\r' or '\n' or '\0' || (char.IsControl(c) && c != '\t')))
        {
            throw new RequestRefusedException($"The header '{name}' would contain a line break or control character.");
        }
        return value.Trim();
    }

    private static byte[] Body(BodyTemplate body, TemplateContext context)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, body, context);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, BodyTemplate node, TemplateContext context)
    {
        switch (node)
        {
            case BodyTemplate.Leaf leaf:
                writer.WriteStringValue(RequestTemplates.RenderText(leaf.Template, context));
                break;
            case BodyTemplate.Object obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.Members)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value, context);
                }
                writer.WriteEndObject();
                break;
            case BodyTemplate.Array array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    Write(writer, item, context);
                }
                writer.WriteEndArray();
                break;
        }
    }
}
