using System.Globalization;
using AdminPortal.Data;
using AdminPortal.Features.ProductApi.Requests;
using Json.Pointer;

namespace AdminPortal.Features.ProductApi;

/// <summary>A dropdown answered by the product: the request, where the items are and how each becomes an option.</summary>
/// <param name="Group">Optional: items with the same value here are grouped under it (IFTTT's one-level groups).</param>
public sealed record OptionsDeclaration(DeclaredRequest Request, JsonPointer Items, JsonPointer Label, JsonPointer Value, JsonPointer? Group, TimeSpan CacheFor);

/// <summary>A query answered by the product: items and the next cursor read back, each item's ingredients by pointer.</summary>
public sealed record QueryDeclaration(DeclaredRequest Request, JsonPointer Items, JsonPointer? NextCursor, JsonPointer? Id,
    JsonPointer? Timestamp, IReadOnlyDictionary<string, JsonPointer> Ingredients);

/// <summary>
/// Every product request the <c>Service</c> section declares, parsed at start-up: actions with <c>Handler: "http"</c>
/// (their <c>Request</c>), fields with <c>DynamicOptions: "product"</c> (their <c>OptionsRequest</c>) and queries with a
/// <c>Request</c>. Read from configuration beside the Ifttt feature's own binding, which ignores these keys.
/// </summary>
public sealed class ProductRequests
{
    public const string Handler = "http";
    public const string OptionsProvider = "product";
    public static readonly TimeSpan DefaultCacheFor = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, DeclaredRequest> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OptionsDeclaration> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueryDeclaration> _queries = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Trigger, string Field), DeclaredRequest> _validations = new();

    /// <summary>Trigger fields with a <c>ValidateRequest</c>: (trigger slug, field slug).</summary>
    public IReadOnlyCollection<(string Trigger, string Field)> ValidatedFields => _validations.Keys;

    public DeclaredRequest? Validation(string trigger, string field) => _validations.GetValueOrDefault((trigger, field));

    public IReadOnlyCollection<string> QuerySlugs => _queries.Keys;

    /// <summary>Every declared request, for start-up checks of what they need (base URL, service token).</summary>
    public IEnumerable<DeclaredRequest> All =>
        _actions.Values.Concat(_options.Values.Select(o => o.Request)).Concat(_queries.Values.Select(q => q.Request)).Concat(_validations.Values);

    public DeclaredRequest? Action(string slug) => _actions.GetValueOrDefault(slug);

    /// <param name="host">e.g. <c>actions/turn_on_lights</c> (the IFTTT path of the field's owner).</param>
    public OptionsDeclaration? Options(string host, string field) => _options.GetValueOrDefault($"{host}/{field}");

    public QueryDeclaration? Query(string slug) => _queries.GetValueOrDefault(slug);

    public static ProductRequests Load(IConfiguration configuration)
    {
        var requests = new ProductRequests();
        var service = configuration.GetSection("Service");
        foreach (var (list, host) in new[] { ("Triggers", "triggers"), ("Actions", "actions"), ("Queries", "queries") })
        {
            foreach (var item in service.GetSection(list).GetChildren())
            {
                var slug = item["Slug"]?.Trim() ?? "";
                if (list == "Actions" && string.Equals(item["Handler"]?.Trim(), Handler, StringComparison.Ordinal))
                {
                    requests._actions[slug] = RequiredRequest(item.GetSection("Request"));
                }
                if (list == "Queries" && item.GetSection("Request").Exists())
                {
                    requests._queries[slug] = Query(item);
                }
                foreach (var field in item.GetSection("Fields").GetChildren())
                {
                    if (list == "Triggers" && field.GetSection("ValidateRequest").Exists())
                    {
                        requests._validations[(slug, field["Slug"]?.Trim() ?? "")] = DeclaredRequestParser.Parse(field.GetSection("ValidateRequest"));
                    }
                    if (string.Equals(field["DynamicOptions"]?.Trim(), OptionsProvider, StringComparison.Ordinal))
                    {
                        requests._options[$"{host}/{slug}/{field["Slug"]?.Trim()}"] = Options(field.GetSection("OptionsRequest"));
                    }
                }
            }
        }
        requests.CheckProduct(configuration);
        return requests;
    }

    /// <summary>What the declared requests need of the <c>Product</c> section, checked before anything is sent.</summary>
    private void CheckProduct(IConfiguration configuration)
    {
        var declared = All.ToList();
        if (declared.Count == 0)
        {
            return;
        }
        var baseUrl = configuration["Product:ApiBaseUrl"];
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0)
        {
            throw new StartupConfigurationException("Product:ApiBaseUrl",
                $"an absolute http(s) URL without query is required by {declared[0].ConfigPath} (e.g. https://api.example.com).");
        }
        if (declared.FirstOrDefault(r => r.Auth == RequestAuth.Service) is { } service && string.IsNullOrWhiteSpace(configuration["Product:ServiceToken"]))
        {
            throw new StartupConfigurationException("Product:ServiceToken", $"is required by {service.ConfigPath}:Auth = service.");
        }
        if (configuration["Product:Signing:Secret"] is { Length: > 0 } secret)
        {
            try
            {
                _ = new RequestSigner(secret);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new StartupConfigurationException("Product:Signing:Secret", "is not a Standard Webhooks secret (whsec_ followed by base64).");
            }
        }
    }

    private static DeclaredRequest RequiredRequest(IConfigurationSection section) =>
        section.Exists() ? DeclaredRequestParser.Parse(section)
            : throw new StartupConfigurationException(section.Path, "is required: it says which product API call the declaration makes.");

    private static OptionsDeclaration Options(IConfigurationSection section)
    {
        var request = RequiredRequest(section);
        var cacheFor = DefaultCacheFor;
        if (section["CacheFor"] is { Length: > 0 } text
            && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out cacheFor) || cacheFor < TimeSpan.Zero || cacheFor > TimeSpan.FromHours(1)))
        {
            throw new StartupConfigurationException($"{section.Path}:CacheFor", $"'{text}' is not a time span between 0 and 01:00:00.");
        }
        return new OptionsDeclaration(request,
            DeclaredRequestParser.Pointer(section["Items"] ?? "/data", $"{section.Path}:Items")!.Value,
            DeclaredRequestParser.Pointer(section["Label"] ?? "/name", $"{section.Path}:Label")!.Value,
            DeclaredRequestParser.Pointer(section["Value"] ?? "/id", $"{section.Path}:Value")!.Value,
            DeclaredRequestParser.Pointer(section["Group"], $"{section.Path}:Group"),
            cacheFor);
    }

    private static QueryDeclaration Query(IConfigurationSection query)
    {
        var request = DeclaredRequestParser.Parse(query.GetSection("Request"));
        var path = query.GetSection("Request").Path;
        var ingredients = query.GetSection("Request:Ingredients").GetChildren().ToDictionary(
            c => c.Key, c => DeclaredRequestParser.Pointer(c.Value, c.Path) ?? throw new StartupConfigurationException(c.Path, "needs a JSON Pointer."),
            StringComparer.Ordinal);
        return new QueryDeclaration(request,
            DeclaredRequestParser.Pointer(query["Request:Items"] ?? "/data", $"{path}:Items")!.Value,
            DeclaredRequestParser.Pointer(query["Request:NextCursor"] ?? "/cursor", $"{path}:NextCursor"),
            DeclaredRequestParser.Pointer(query["Request:Id"] ?? "/id", $"{path}:Id"),
            DeclaredRequestParser.Pointer(query["Request:Timestamp"], $"{path}:Timestamp"),
            ingredients);
    }
}
