using AdminPortal.Features.OAuth;
using AdminPortal.Features.Service;
using AdminPortal.Shared;

namespace AdminPortal.Features.Preflight.Cli;

/// <summary>
/// <c>dotnet run -- preflight --url …</c>: the dashboard's preflight from a shell, for adopters' CI. Reads the declared
/// service from the same configuration the app reads, prints one line per test and a summary, and exits 1 when a test
/// failed (2 for bad arguments), 0 when everything passed or was skipped.
/// </summary>
public static class PreflightCommand
{
    public const string Name = "preflight";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default)
    {
        var (arguments, problem) = PreflightArguments.Parse(args);
        if (arguments is null)
        {
            await output.WriteLineAsync($"preflight: {problem}\n{PreflightArguments.Usage}");
            return 2;
        }
        var builder = WebApplication.CreateBuilder([.. arguments.Configuration]);
        builder.AddConfigInclude();
        var declaration = PreflightDeclaration.Load(builder.Configuration);
        var target = Target(arguments, builder.Configuration, declaration);

        var results = await new PreflightRunner(declaration).RunAsync(target, ct);
        await PreflightConsole.WriteAsync(output, target.BaseUrl, results);
        return results.Any(r => r.Outcome == PreflightOutcome.Failed) ? 1 : 0;
    }

    private static PreflightTarget Target(PreflightArguments arguments, IConfiguration configuration, DeclaredService declaration)
    {
        var client = configuration.GetSection(IftttClientOptions.Section).Get<IftttClientOptions>() ?? new IftttClientOptions();
        if (string.IsNullOrWhiteSpace(client.ServiceSlug))
        {
            client.ServiceSlug = declaration.Slug;
        }
        var auth = arguments.ClientSecret is null ? null
            : new PreflightAuth(arguments.ClientId ?? client.ClientId, arguments.ClientSecret, client.EffectiveRedirectUri, arguments.User!, arguments.Password!);
        var key = arguments.ServiceKey ?? (configuration["Ifttt:ServiceKey"] is { Length: > 0 } configured ? configured : null);
        return new PreflightTarget(new Uri(arguments.Url!), key, auth, arguments.RealtimeUrl is null ? null : new Uri(arguments.RealtimeUrl))
        {
            RealtimeSkipReason = "No --realtime-url was given, so no nudge was sent (pass --realtime-url https://realtime.ifttt.com with the live key).",
        };
    }
}
