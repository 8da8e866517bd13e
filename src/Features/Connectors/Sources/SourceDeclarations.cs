using System.Collections.Frozen;
using AdminPortal.Features.ProductApi.Requests;
using Fluid;
using Json.Pointer;

namespace AdminPortal.Features.Connectors.Sources;

/// <summary>Where a trigger's events come from (its <c>Source</c> block): polling the product, its webhooks, or both.</summary>
/// <param name="ConfigPath">e.g. <c>Service:Triggers:0:Source</c>, for messages.</param>
public sealed record TriggerSource(string Trigger, PollSource? Poll, WebhookSource? Webhook, ItemMap Map, string ConfigPath);

/// <summary>
/// A request sent on each linked user's behalf with <c>{{ cursor }}</c> (empty the first time), where the items are,
/// where the next cursor is (default: the last item's source id), how often, and which items count.
/// </summary>
public sealed record PollSource(DeclaredRequest Request, JsonPointer Items, JsonPointer? NextCursor, TimeSpan Interval, int MaxPages, ItemFilter Filter);

/// <summary>
/// A webhook the product sends to <c>/api/v1/webhooks/{Name}</c>: verified by a Standard Webhooks signature
/// (<see cref="Secret"/>) or a shared-secret header; <see cref="User"/> points (from the payload root) at the product's user id.
/// </summary>
/// <param name="Items">Where the event (object) or events (array) are in the payload; null = the whole payload.</param>
/// <param name="Filter">Read from the payload root (the envelope's <c>type</c>), unlike a poll's, which reads each item.</param>
public sealed record WebhookSource(string Name, string? Secret, string? SharedSecretHeader, string? SharedSecret, TimeSpan Tolerance,
    JsonPointer User, JsonPointer? Items, ItemFilter Filter);

/// <summary>Only items whose value at each pointer equals the given text (e.g. <c>/type</c> = <c>door.opened</c>).</summary>
public sealed record ItemFilter(IReadOnlyList<KeyValuePair<JsonPointer, string>> Rules)
{
    public static readonly ItemFilter All = new([]);
}

/// <summary>How one product item becomes an event: source id, occurred-at, attributes and ingredients.</summary>
public sealed record ItemMap(ItemValue SourceId, ItemValue? OccurredAt, FrozenDictionary<string, ItemValue> Attributes,
    FrozenDictionary<string, ItemValue> Ingredients);

/// <summary>A value read from an item: a JSON Pointer (starts with <c>/</c>) or a Liquid template over <c>item</c>.</summary>
public abstract record ItemValue(string Source)
{
    public sealed record Pointer(JsonPointer Value, string Text) : ItemValue(Text);
    public sealed record Template(IFluidTemplate Value, string Text) : ItemValue(Text);
}
