using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.Extensions.Options;

namespace AdminPortal.Shared;

/// <summary>
/// Turns what a bad configuration value throws — wherever it surfaces: the builder, options validation at start, a
/// start-up task — into the one line Program.cs prints instead of a stack trace. Null for anything else (a real bug
/// keeps its stack trace).
/// </summary>
public static partial class StartupFailure
{
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StartupConfigurationException config:
                    return config.Message;
                case OptionsValidationException invalid:
                    return string.Join("; ", invalid.Failures);
                case InvalidOperationException when NotConvertible().Match(e.Message) is { Success: true } m:
                    return $"{m.Groups["key"].Value}: '{m.Groups["value"].Value}' is not {Expected(m.Groups["type"].Value)}.";
                case IOException when e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException:
                    var address = BindFailure().Match(e.Message) is { Success: true } b ? b.Groups["address"].Value : "the address";
                    return $"urls: {address} is already in use — is AdminPortal (or another server) already running there? " +
                           "Stop it, or choose another address with --urls.";
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Select(Describe).FirstOrDefault(d => d is not null);
            }
        }
        return null;
    }

    /// <summary>What the value should have looked like, in words an operator knows.</summary>
    private static string Expected(string type) => type.Replace("System.Nullable`1[", "").TrimEnd(']') switch
    {
        "System.Boolean" => "true or false",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.TimeSpan" => "a duration such as 00:05:00 (hh:mm:ss) or 1.00:00:00 (one day)",
        "System.DateTimeOffset" or "System.DateTime" => "an ISO 8601 date and time",
        "System.Uri" => "a URL",
        var other when other.Contains('.') => $"a valid {other[(other.LastIndexOf('.') + 1)..]}",
        var other => $"a valid {other}",
    };

    // The binder's message: Failed to convert configuration value 'abc' at 'OAuth:AccessTokenLifetime' to type 'System.TimeSpan'.
    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex NotConvertible();

    // Kestrel's message: Failed to bind to address http://127.0.0.1:5080: address already in use.
    [GeneratedRegex("Failed to bind to address (?<address>\\S+?):? address already in use")]
    private static partial Regex BindFailure();
}
