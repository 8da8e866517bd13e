using System.Collections.Frozen;
using System.Globalization;
using AdminPortal.Data;
using Fluid;
using Json.Pointer;

namespace AdminPortal.Features.ProductApi.Requests;

/// <summary>
/// Reads a <c>Request</c> block from configuration into a <see cref="DeclaredRequest"/>, or stops start-up with a
/// <see cref="StartupConfigurationException"/> naming the exact key (e.g. <c>Service:Actions:0:Request:Path</c>).
/// Read straight from <see cref="IConfigurationSection"/> because the body is free-form JSON, not a class.
/// </summary>
public static class DeclaredRequestParser
{
    /// <summary>The upper bound of any declared timeout (and the HTTP client's own backstop).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    private static readonly FrozenSet<string> Methods = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "GET", "POST", "PUT", "PATCH", "DELETE");

    /// <summary>Set by the engine itself; a declared value would be overwritten or would smuggle a credential.</summary>
    private static readonly FrozenSet<string> ReservedHeaders = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Authorization", "Idempotency-Key",
        "webhook-id", "webhook-timestamp", "webhook-signature", "Cookie");

    public static DeclaredRequest Parse(IConfigurationSection section)
    {
        var path = section.Path;
        var method = (section["Method"] ?? "GET").Trim().ToUpperInvariant();
        if (!Methods.Contains(method))
        {
            throw new StartupConfigurationException($"{path}:Method", $"'{method}' is not supported; use GET, POST, PUT, PATCH or DELETE.");
        }

        var pathSource = section["Path"];
        if (string.IsNullOrWhiteSpace(pathSource))
        {
            throw new StartupConfigurationException($"{path}:Path", "is required (a path below Product:ApiBaseUrl, e.g. /api/notes).");
        }
        if (!pathSource.StartsWith('/') || pathSource.StartsWith("//", StringComparison.Ordinal) || pathSource.Contains('\\') || pathSource.Contains("://", StringComparison.Ordinal))
        {
            throw new StartupConfigurationException($"{path}:Path", "must be a path starting with a single '/' (the host is always Product:ApiBaseUrl's).");
        }

        var headers = new List<DeclaredHeader>();
        foreach (var header in section.GetSection("Headers").GetChildren())
        {
            if (!IsToken(header.Key))
            {
                throw new StartupConfigurationException(header.Path, $"'{header.Key}' is not a valid header name.");
            }
            if (ReservedHeaders.Contains(header.Key))
            {
                throw new StartupConfigurationException(header.Path, $"'{header.Key}' is set by AdminPortal itself and cannot be declared.");
            }
            headers.Add(new DeclaredHeader(header.Key, Template(header.Value ?? "", header.Path)));
        }

        var bodySection = section.GetSection("Body");
        var body = bodySection.Exists() ? Body(bodySection) : null;
        if (body is not null && method is "GET" or "DELETE")
        {
            throw new StartupConfigurationException($"{path}:Body", $"a {method} request carries no body.");
        }

        var auth = (section["Auth"] ?? "user").Trim().ToLowerInvariant() switch
        {
            "user" => RequestAuth.User,
            "service" => RequestAuth.Service,
            "none" => RequestAuth.None,
            var other => throw new StartupConfigurationException($"{path}:Auth", $"'{other}' is not one of user, service, none."),
        };

        var response = section.GetSection("Response");
        var map = new ResponseMap(
            Pointer(response["Id"], $"{response.Path}:Id"),
            Pointer(response["Url"], $"{response.Path}:Url"),
            Pointer(response["Message"] ?? "/message", $"{response.Path}:Message"));

        var skips = new HashSet<int>();
        foreach (var status in section.GetSection("SkipStatuses").GetChildren())
        {
            if (!int.TryParse(status.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 400 or > 499 || code is 401 or 408 or 429)
            {
                // 401 means refresh, 408/429 mean "later": skipping them would drop an action IFTTT should retry.
                throw new StartupConfigurationException(status.Path, $"'{status.Value}' is not a 4xx status that can SKIP (401, 408 and 429 are retried).");
            }
            skips.Add(code);
        }

        TimeSpan? timeout = null;
        if (section["Timeout"] is { Length: > 0 } timeoutText)
        {
            if (!TimeSpan.TryParse(timeoutText, CultureInfo.InvariantCulture, out var value) || value <= TimeSpan.Zero || value > MaxTimeout)
            {
                throw new StartupConfigurationException($"{path}:Timeout", $"'{timeoutText}' is not a time span between 0 and {MaxTimeout} (e.g. 00:00:04).");
            }
            timeout = value;
        }

        return new DeclaredRequest(new HttpMethod(method), Template(pathSource, $"{path}:Path"), headers, body, auth, map,
            skips.ToFrozenSet(), timeout, path);
    }

    public static IFluidTemplate Template(string source, string path) =>
        RequestTemplates.TryParse(source, out var template, out var error)
            ? template
            : throw new StartupConfigurationException(path, $"is not a valid Liquid template ({error}).");

    public static JsonPointer? Pointer(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return JsonPointer.TryParse(value.Trim(), out var pointer)
            ? pointer
            : throw new StartupConfigurationException(path, $"'{value}' is not a JSON Pointer (e.g. /data/id).");
    }

    /// <summary>
    /// Configuration flattens JSON: an object is a section with named children, an array one with children 0..n-1,
    /// and every leaf is a string (so every leaf is rendered and sent as a JSON string).
    /// </summary>
    private static BodyTemplate Body(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return new BodyTemplate.Leaf(Template(section.Value ?? "", section.Path));
        }
        // An array is a section whose children are exactly 0..n-1 (configuration's flattening of a JSON array).
        var indices = children.Select(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList();
        if (indices.Order().SequenceEqual(Enumerable.Range(0, children.Count)))
        {
            return new BodyTemplate.Array([.. children.Zip(indices).OrderBy(x => x.Second).Select(x => Body(x.First))]);
        }
        return new BodyTemplate.Object([.. children.Select(c => KeyValuePair.Create(c.Key, Body(c)))]);
    }

    /// <summary>RFC 9110 token characters.</summary>
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~');
}
