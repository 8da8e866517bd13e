using System.Text.Json;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Service;
using AdminPortal.Features.ProductApi.Requests;
using Microsoft.Extensions.Caching.Memory;

namespace AdminPortal.Features.ProductApi.Options;

/// <summary>
/// <c>DynamicOptions: "product"</c>: the dropdown lists what the product's API answers for this user (their rooms,
/// devices…), cached per user for the declaration's <c>CacheFor</c>. A failure is an error IFTTT shows, never an
/// empty list that would read as "you have none".
/// </summary>
public sealed class ProductDynamicOptions(ProductRequests requests, ProductClient client, TemplateModel models, IMemoryCache cache) : IDynamicOptionsProvider
{
    private const int MaxOptions = 1000;

    public async Task<IReadOnlyList<OptionItem>> GetOptionsAsync(DynamicOptionsContext context, CancellationToken ct)
    {
        var host = HostPath(context.Host);
        var declared = (host is null ? null : requests.Options(host, context.Field.Slug))
            ?? throw new DynamicOptionsException($"The field '{context.Field.Slug}' declares no OptionsRequest.");
        var key = (nameof(ProductDynamicOptions), host, context.Field.Slug, context.UserId);
        if (cache.TryGetValue(key, out IReadOnlyList<OptionItem>? cached) && cached is not null)
        {
            return cached;
        }

        var model = await models.ForUserAsync(context.UserId, ct);
        model["field"] = new Dictionary<string, object?> { ["slug"] = context.Field.Slug };
        var response = await client.SendAsync(declared.Request, model,
            new ProductCallContext($"options {host}/{context.Field.Slug}", context.UserId, context.RequestId), ct);
        var options = response.Outcome switch
        {
            ProductCallOutcome.Success => Read(response.Body, declared)
                ?? throw new DynamicOptionsException("The product's answer has no list of options where it was expected."),
            ProductCallOutcome.LinkBroken => throw new DynamicOptionsException(
                $"Your account's link to the product needs to be renewed: {response.Message}", StatusCodes.Status401Unauthorized),
            _ => throw new DynamicOptionsException($"The product could not list the options: {response.Message}"),
        };
        if (declared.CacheFor > TimeSpan.Zero)
        {
            cache.Set(key, options, declared.CacheFor);
        }
        return options;
    }

    /// <summary>Items → options, grouped by the Group pointer's value (first-seen order) when one is declared.</summary>
    public static IReadOnlyList<OptionItem>? Read(JsonElement body, OptionsDeclaration declared)
    {
        if (ResponseReader.Find(body, declared.Items) is not { ValueKind: JsonValueKind.Array } items)
        {
            return null;
        }
        var options = new List<(string? Group, OptionItem Option)>();
        foreach (var item in items.EnumerateArray().Take(MaxOptions))
        {
            if (ResponseReader.Text(item, declared.Value) is not { Length: > 0 } value)
            {
                continue; // nothing IFTTT could send back
            }
            var label = ResponseReader.Text(item, declared.Label) is { Length: > 0 } l ? l : value;
            options.Add((declared.Group is null ? null : ResponseReader.Text(item, declared.Group), new OptionItem(label, value)));
        }
        if (declared.Group is null)
        {
            return [.. options.Select(o => o.Option)];
        }
        return [.. options.GroupBy(o => o.Group ?? "Other").Select(g => OptionItem.Group(g.Key, [.. g.Select(o => o.Option)]))];
    }

    public static string? HostPath(IFieldHost? host) => host switch
    {
        TriggerDefinition t => $"triggers/{t.Slug}",
        ActionDefinition a => $"actions/{a.Slug}",
        QueryDefinition q => $"queries/{q.Slug}",
        _ => null,
    };
}
