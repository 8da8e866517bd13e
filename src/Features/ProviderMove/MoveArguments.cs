namespace AdminPortal.Features.ProviderMove;

/// <summary>
/// <c>move-to-postgres [--from FILE] [--to "CONNECTION STRING"] [--replace]</c>. <c>--Key=value</c>, <c>--Section:Key value</c>
/// and the host's <c>--contentRoot</c> / <c>--environment</c> are configuration, read as the app reads it, which supplies
/// what is not given.
/// </summary>
public sealed record MoveArguments(string? From, string? To, bool Replace, IReadOnlyList<string> Configuration)
{
    public const string Usage =
        "usage: dotnet run -- move-to-postgres [--from data/adminportal.db] [--to \"Host=…;Database=…;Username=…;Password=…\"] [--replace] " +
        "(--from defaults to the configured SQLite file, --to to the configured PostgreSQL connection string)";

    private static readonly string[] Valued = ["from", "to"];
    private const string ReplaceFlag = "--replace";
    private static readonly string[] HostKeys = ["contentRoot", "environment", "applicationName"];

    /// <summary>The arguments, or the reason they cannot be used.</summary>
    public static (MoveArguments? Arguments, string? Problem) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var configuration = new List<string>();
        var replace = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == ReplaceFlag)
            {
                replace = true;
                continue;
            }
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !Valued.Contains(name))
            {
                if (name is not null && name.Contains('=', StringComparison.Ordinal))
                {
                    configuration.Add(args[i]);
                    continue;
                }
                // "--Section:Key value" and the host's own keys pass through as configuration; anything else is refused, so
                // a typo such as --form does not silently move the default file.
                if (name is null || !(name.Contains(':', StringComparison.Ordinal) || HostKeys.Contains(name, StringComparer.OrdinalIgnoreCase))
                    || i + 1 >= args.Count)
                {
                    return (null, $"unknown argument '{args[i]}'.");
                }
                configuration.Add(args[i]);
                configuration.Add(args[++i]);
                continue;
            }
            if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]) || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return (null, $"--{name} needs a value.");
            }
            values[name] = args[++i];
        }
        return (new MoveArguments(values.GetValueOrDefault("from"), values.GetValueOrDefault("to"), replace, configuration), null);
    }
}
