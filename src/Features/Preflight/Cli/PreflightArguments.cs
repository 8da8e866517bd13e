namespace AdminPortal.Features.Preflight.Cli;

/// <summary>
/// <c>preflight --url … [--service-key …] [--client-id … --client-secret … --user … --password …] [--realtime-url …]</c>.
/// Anything else (e.g. <c>--Config:Include=…</c>) is configuration, read as the app reads it.
/// </summary>
public sealed record PreflightArguments(
    string? Url, string? ServiceKey, string? ClientId, string? ClientSecret, string? User, string? Password, string? RealtimeUrl,
    IReadOnlyList<string> Configuration)
{
    public const string Usage =
        "usage: dotnet run -- preflight --url https://your-host [--service-key KEY] " +
        "[--client-id ID --client-secret SECRET --user EMAIL --password PASSWORD] [--realtime-url https://realtime.ifttt.com] [--Config:Include=FILE]";

    private static readonly string[] Names = ["url", "service-key", "client-id", "client-secret", "user", "password", "realtime-url"];

    /// <summary>The arguments, or the reason they cannot be used.</summary>
    public static (PreflightArguments? Arguments, string? Problem) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !Names.Contains(name))
            {
                configuration.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Count)
            {
                return (null, $"--{name} needs a value.");
            }
            values[name] = args[++i];
        }
        var parsed = new PreflightArguments(Get("url"), Get("service-key"), Get("client-id"), Get("client-secret"), Get("user"), Get("password"),
            Get("realtime-url"), configuration);
        if (parsed.Url is null || !Uri.TryCreate(parsed.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return (null, "--url must be the service's public base URL, e.g. https://ifttt.example.com.");
        }
        var auth = new[] { parsed.ClientSecret, parsed.User, parsed.Password };
        if (auth.Any(v => v is not null) && auth.Any(v => v is null))
        {
            return (null, "The authentication tests need all of --client-secret, --user and --password.");
        }
        return (parsed, null);

        string? Get(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
    }
}
