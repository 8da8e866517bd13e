using System.Text;
using System.Text.Json.Nodes;

namespace AdminPortal.IntegrationTests.Fuzz;

/// <summary>
/// Bodies a careless or hostile client sends: broken JSON, wrong encodings, absurd sizes and depths, and a valid body
/// with one member replaced by every wrong shape. Deterministic (a seeded <see cref="Random"/>), so a failure names a
/// body that fails again on the next run.
/// </summary>
internal static class MalformedBodies
{
    /// <summary>Bodies that are wrong whatever the endpoint expects.</summary>
    public static IEnumerable<(string What, byte[] Body)> Generic()
    {
        foreach (var text in new[]
                 {
                     "", " ", "null", "true", "0", "-1", "\"x\"", "[]", "[{}]", "{}", "{", "}", "{\"a\":", "{\"a\"}", "{} {}",
                     "{}garbage", "{'a':1}", "{\"a\":1,}", "/* c */{}", "{\"a\":NaN}", "{\"a\":1e99999}", "{\"a\":-0}",
                     "{\"a\":\"\\u0000\"}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\ud800\"}", "{\"\\udfff\":1}", "{\"a\":1,\"a\":2}",
                     "\u00ef\u00bb\u00bf{}", "\t\r\n{}\t\r\n",
                 })
        {
            yield return ($"text {Show(text)}", Encoding.UTF8.GetBytes(text));
        }

        yield return ("a UTF-8 byte-order mark then {}", [0xEF, 0xBB, 0xBF, .. "{}"u8]);
        yield return ("UTF-16 {}", Encoding.Unicode.GetBytes("{\"a\":\"b\"}"));
        yield return ("invalid UTF-8 in a string", [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        yield return ("an overlong UTF-8 slash", [.. "{\"a\":\""u8, 0xC0, 0xAF, .. "\"}"u8]);
        yield return ("a raw NUL byte", [.. "{\"a\":\""u8, 0x00, .. "\"}"u8]);
        yield return ("a raw control character", [.. "{\"a\":\""u8, 0x01, .. "\"}"u8]);
        yield return ("arrays nested 5,000 deep", Encoding.ASCII.GetBytes(new string('[', 5000) + new string(']', 5000)));
        yield return ("objects nested 2,000 deep", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000)));
        yield return ("an unclosed 3,000-deep array", Encoding.ASCII.GetBytes(new string('[', 3000)));
        yield return ("a 2 MB string", Encoding.ASCII.GetBytes("{\"a\":\"" + new string('x', 2_000_000) + "\"}"));
        yield return ("10,000 members", Encoding.ASCII.GetBytes("{" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"m{i}\":{i}")) + "}"));
        yield return ("a 400-digit number", Encoding.ASCII.GetBytes("{\"limit\":" + new string('9', 400) + "}"));
        var random = new Random(20261203);
        for (var i = 0; i < 12; i++)
        {
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            yield return ($"random bytes #{i}", bytes);
        }
    }

    /// <summary>
    /// The valid body with each member (at any depth) removed, or replaced by each wrong shape, plus unknown members.
    /// </summary>
    public static IEnumerable<(string What, byte[] Body)> Mutations(string validJson)
    {
        var paths = MemberPaths(JsonNode.Parse(validJson)!, "").ToList();
        foreach (var path in paths)
        {
            var removed = JsonNode.Parse(validJson)!;
            Remove(removed, path);
            yield return ($"{path} missing", Encoding.UTF8.GetBytes(removed.ToJsonString()));
            foreach (var (what, value) in WrongValues())
            {
                var replaced = JsonNode.Parse(validJson)!;
                Replace(replaced, path, value);
                yield return ($"{path} = {what}", Encoding.UTF8.GetBytes(replaced.ToJsonString()));
            }
        }

        var extra = JsonNode.Parse(validJson)!;
        (extra as JsonObject ?? extra[0]!.AsObject())["unexpected"] = new JsonObject { ["deep"] = new JsonArray(1, "two", null) };
        yield return ("an unknown member", Encoding.UTF8.GetBytes(extra.ToJsonString()));
    }

    private static IEnumerable<(string What, string Json)> WrongValues() =>
    [
        ("null", "null"), ("true", "true"), ("0", "0"), ("-1", "-1"), ("1.5", "1.5"), ("1e12", "1e12"), ("1e308", "1e308"),
        ("2^31", "2147483648"), ("-2^31-1", "-2147483649"), ("2^63", "9223372036854775808"), ("\"\"", "\"\""),
        ("\"abc\"", "\"abc\""), ("a 9,000-char string", "\"" + new string('z', 9000) + "\""), ("[]", "[]"), ("[1,\"a\"]", "[1,\"a\"]"),
        ("{}", "{}"), ("a nested object", "{\"a\":{\"b\":[{}]}}"), ("\"2026-13-45T99:99:99Z\"", "\"2026-13-45T99:99:99Z\""),
        ("an escaped NUL", "\"a\\u0000b\""), ("emoji", "\"😀\""), ("a path", "\"../../etc/passwd\""),
    ];

    private static IEnumerable<string> MemberPaths(JsonNode node, string prefix)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj)
            {
                var path = prefix + "/" + name;
                yield return path;
                if (child is not null)
                {
                    foreach (var inner in MemberPaths(child, path)) yield return inner;
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var path = prefix + "/" + i;
                yield return path;
                if (array[i] is { } child)
                {
                    foreach (var inner in MemberPaths(child, path)) yield return inner;
                }
            }
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, key) = Parent(root, path);
        if (parent is JsonObject obj) obj.Remove(key);
        else if (parent is JsonArray array) array.RemoveAt(int.Parse(key));
    }

    private static void Replace(JsonNode root, string path, string json)
    {
        var (parent, key) = Parent(root, path);
        var value = JsonNode.Parse(json);
        if (parent is JsonObject obj) obj[key] = value;
        else if (parent is JsonArray array) array[int.Parse(key)] = value;
    }

    private static (JsonNode Parent, string Key) Parent(JsonNode root, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(part)]! : node[part]!;
        }
        return (node, parts[^1]);
    }

    private static string Show(string text) => text.Length == 0 ? "(empty)" : text.Length > 24 ? text[..24] + "…" : text;
}
