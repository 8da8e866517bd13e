using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AdminPortal.Features.Ifttt.Queries;
using AdminPortal.Features.Service;
using AdminPortal.Features.ProductApi.Requests;

namespace AdminPortal.Features.ProductApi.Queries;

/// <summary>
/// A query with a declared <c>Request</c>: IFTTT's cursor and limit go into the template (<c>{{ cursor }}</c>,
/// <c>{{ limit }}</c>), the product's items come back as rows with the query's ingredients read by pointer, and its
/// next cursor is handed to IFTTT as it is (IFTTT sends it back verbatim for the next page).
/// </summary>
public sealed class ProductQuerySource(ProductRequests requests, ProductClient client, TemplateModel models) : IQuerySource
{
    public async Task<QueryPage> RunAsync(QueryRequest request, CancellationToken ct)
    {
        var declared = requests.Query(request.Query.Slug) ?? throw new QuerySourceException($"The query '{request.Query.Slug}' declares no Request.");
        var model = await models.ForUserAsync(request.UserId, ct);
        model["fields"] = TemplateModel.Fields(request.Fields);
        model["cursor"] = request.Cursor ?? "";
        model["limit"] = request.Limit.ToString(CultureInfo.InvariantCulture);
        var response = await client.SendAsync(declared.Request, model,
            new ProductCallContext($"query {request.Query.Slug}", request.UserId, request.RequestId), ct);
        return response.Outcome switch
        {
            ProductCallOutcome.Success => Read(response.Body, declared, request.Query.Ingredients)
                ?? throw new QuerySourceException("The product's answer has no list of items where it was expected."),
            ProductCallOutcome.LinkBroken => throw new QuerySourceException(
                $"Your account's link to the product needs to be renewed: {response.Message}", StatusCodes.Status401Unauthorized),
            _ => throw new QuerySourceException($"The product could not answer the query: {response.Message}"),
        };
    }

    public static QueryPage? Read(JsonElement body, QueryDeclaration declared, IReadOnlyList<IngredientDefinition> ingredients)
    {
        if (ResponseReader.Find(body, declared.Items) is not { ValueKind: JsonValueKind.Array } items)
        {
            return null;
        }
        var rows = new List<string>();
        foreach (var item in items.EnumerateArray())
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var ingredient in ingredients)
                {
                    // An ingredient without a declared pointer is the item's member of the same name.
                    var pointer = declared.Ingredients.TryGetValue(ingredient.Slug, out var p) ? p : Json.Pointer.JsonPointer.Parse($"/{ingredient.Slug}");
                    writer.WriteString(ingredient.Slug, ResponseReader.Text(item, pointer) ?? "");
                }
                writer.WriteStartObject("meta");
                if (ResponseReader.Text(item, declared.Id) is { } id)
                {
                    writer.WriteString("id", id);
                }
                if (ResponseReader.Text(item, declared.Timestamp) is { } at
                    && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
                {
                    writer.WriteNumber("timestamp", timestamp.ToUnixTimeSeconds());
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            rows.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        var next = ResponseReader.Text(body, declared.NextCursor);
        return new QueryPage(rows, string.IsNullOrEmpty(next) ? null : next);
    }
}
