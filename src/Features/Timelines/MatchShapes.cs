using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Timelines;

/// <summary>The filter shapes of every trigger, computed once from the declared service.</summary>
public sealed class MatchShapes
{
    private readonly FrozenDictionary<string, IReadOnlyList<string[]>> _shapes;
    private readonly FrozenDictionary<string, long> _wholeTimelineKeys;

    public MatchShapes(DeclaredService service)
    {
        _shapes = service.Triggers.ToFrozenDictionary(t => t.Slug, t => TriggerMatcher.FilterShapes(t.Slug, service), StringComparer.Ordinal);
        _wholeTimelineKeys = service.Triggers.ToFrozenDictionary(t => t.Slug, t => TriggerMatcher.KeyFor(t.Slug, []), StringComparer.Ordinal);
        Fingerprint = ComputeFingerprint(_shapes);
    }

    /// <summary>
    /// Names the set of shapes (and so the keys stored for every event): when the declared fields change, the stored
    /// keys no longer answer the new filters and <see cref="MatchKeyIndexer"/> rebuilds them.
    /// </summary>
    public string Fingerprint { get; }

    public long[] EventKeys(string trigger, IReadOnlyDictionary<string, string> attributes) =>
        _shapes.TryGetValue(trigger, out var shapes) ? TriggerMatcher.EventKeys(trigger, shapes, attributes) : [];

    /// <summary>The key every event of the trigger has (the empty filter): one user's whole timeline for it.</summary>
    public long WholeTimelineKey(string trigger) =>
        _wholeTimelineKeys.TryGetValue(trigger, out var key) ? key : TriggerMatcher.KeyFor(trigger, []);

    /// <summary>The whole-timeline keys of every declared trigger: one user's events, all triggers.</summary>
    public IReadOnlyCollection<long> AllWholeTimelineKeys => _wholeTimelineKeys.Values;

    private static string ComputeFingerprint(FrozenDictionary<string, IReadOnlyList<string[]>> shapes)
    {
        var text = new StringBuilder("keys-v1");
        foreach (var (trigger, triggerShapes) in shapes.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(trigger);
            foreach (var shape in triggerShapes.Select(s => string.Join('\0', s)).Order(StringComparer.Ordinal))
            {
                text.Append('\u0001').Append(shape);
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
