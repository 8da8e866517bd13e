using System.Collections.Frozen;
using AdminPortal.Features.Ifttt.Service;

namespace AdminPortal.Features.Ifttt.Timelines;

/// <summary>The filter shapes of every trigger, computed once from the declared service.</summary>
public sealed class MatchShapes(DeclaredService service)
{
    private readonly FrozenDictionary<string, IReadOnlyList<string[]>> _shapes =
        service.Triggers.ToFrozenDictionary(t => t.Slug, t => TriggerMatcher.FilterShapes(t.Slug, service), StringComparer.Ordinal);

    public long[] EventKeys(string trigger, IReadOnlyDictionary<string, string> attributes) =>
        _shapes.TryGetValue(trigger, out var shapes) ? TriggerMatcher.EventKeys(trigger, shapes, attributes) : [];
}
