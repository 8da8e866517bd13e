using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// The matching rule between events and field values, shared by polls, queries and (later) realtime
/// notifications. A <em>filter</em> is the set of attribute=value pairs of the non-empty fields
/// (an empty optional field matches any value). Its <see cref="KeyFor"/> is a stable 64-bit hash.
/// At ingest an event gets one key per filter it can satisfy (<see cref="EventKeys"/>), so a poll is an
/// equality lookup on (user, key) whatever the number of fields, and realtime can find the identities
/// whose stored key is among a new event's keys.
/// </summary>
public static class TriggerMatcher
{
    /// <summary>Filters (by attribute name) that polls of this trigger or queries over it can ask for, plus the empty filter.</summary>
    public static IReadOnlyList<string[]> FilterShapes(string trigger, DeclaredService service)
    {
        var hosts = new List<IReadOnlyList<FieldDefinition>>();
        if (service.FindTrigger(trigger) is { } t)
        {
            hosts.Add(t.Fields);
        }
        hosts.AddRange(service.Queries.Where(q => q.Trigger == trigger).Select(q => q.Fields));

        // The empty filter (every event of the trigger) is always indexed: it is the user's whole timeline for the
        // trigger, read by the options providers and the dashboard, so TimelineEvents needs no per-user index of its own.
        var shapes = new Dictionary<string, string[]>(StringComparer.Ordinal) { [""] = [] };
        foreach (var fields in hosts)
        {
            var required = fields.Where(f => f.Required).Select(f => f.Matches).ToArray();
            var optional = fields.Where(f => !f.Required).Select(f => f.Matches).ToArray();
            // Every combination of filled optional fields, on top of the required ones.
            for (var mask = 0; mask < 1 << optional.Length; mask++)
            {
                var shape = required.Concat(optional.Where((_, i) => (mask & (1 << i)) != 0))
                    .Distinct().Order(StringComparer.Ordinal).ToArray();
                shapes.TryAdd(string.Join('\0', shape), shape);
            }
        }
        return [.. shapes.Values];
    }

    /// <summary>The keys of every filter shape the event's attributes can satisfy.</summary>
    public static long[] EventKeys(string trigger, IReadOnlyList<string[]> shapes, IReadOnlyDictionary<string, string> attributes)
    {
        var keys = new List<long>(shapes.Count);
        foreach (var shape in shapes)
        {
            if (shape.All(attributes.ContainsKey))
            {
                keys.Add(KeyFor(trigger, shape.Select(a => KeyValuePair.Create(a, attributes[a]))));
            }
        }
        return [.. keys.Distinct()];
    }

    /// <summary>
    /// The key of the filter formed by the non-empty field values (field slug → value).
    /// Returns the key for the fields' matched attributes; unknown field slugs are ignored.
    /// </summary>
    public static long KeyForFields(string trigger, IReadOnlyList<FieldDefinition> fields, IReadOnlyDictionary<string, string?> values) =>
        KeyFor(trigger, fields
            .Where(f => values.TryGetValue(f.Slug, out var v) && !string.IsNullOrEmpty(v))
            .Select(f => KeyValuePair.Create(f.Matches, values[f.Slug]!)));

    /// <summary>
    /// Stored in the database: changing this function orphans every stored key. SHA-256 over
    /// trigger and sorted pairs, NUL-separated, first 8 bytes.
    /// </summary>
    public static long KeyFor(string trigger, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var text = new StringBuilder(trigger);
        foreach (var (attribute, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('\0').Append(attribute).Append('\0').Append(value);
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
