using System.Collections.Frozen;
using Fluid;
using Json.Pointer;

namespace AdminPortal.Features.ProductApi.Requests;

/// <summary>Whose credential a declared request carries.</summary>
public enum RequestAuth { User, Service, None }

/// <summary>
/// A request to the product as declared in configuration (a <c>Request</c> block), validated and with its templates
/// parsed once at start-up. Rendering it for one call is <see cref="RequestRenderer"/>'s job.
/// </summary>
/// <param name="Path">Template of the path (and query) below <c>Product:ApiBaseUrl</c>; values it outputs are URL-encoded.</param>
/// <param name="Body">JSON body whose string leaves are templates; null when the request has no body.</param>
/// <param name="Timeout">Per-request override of <c>Product:Timeout</c>.</param>
/// <param name="ConfigPath">Where it was declared (e.g. <c>Service:Actions:0:Request</c>), for messages and the call log.</param>
public sealed record DeclaredRequest(
    HttpMethod Method,
    IFluidTemplate Path,
    IReadOnlyList<DeclaredHeader> Headers,
    BodyTemplate? Body,
    RequestAuth Auth,
    ResponseMap Response,
    FrozenSet<int> SkipStatuses,
    TimeSpan? Timeout,
    string ConfigPath);

public sealed record DeclaredHeader(string Name, IFluidTemplate Value);

/// <summary>JSON Pointers into the product's answer: the created resource's id and url, an error's message.</summary>
public sealed record ResponseMap(JsonPointer? Id, JsonPointer? Url, JsonPointer? Message);

/// <summary>A JSON body template: objects and arrays keep their declared shape, every leaf is a template rendered to a JSON string.</summary>
public abstract record BodyTemplate
{
    public sealed record Leaf(IFluidTemplate Template) : BodyTemplate;
    public sealed record Object(IReadOnlyList<KeyValuePair<string, BodyTemplate>> Members) : BodyTemplate;
    public sealed record Array(IReadOnlyList<BodyTemplate> Items) : BodyTemplate;
}
