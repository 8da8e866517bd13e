using System.Text.Json.Nodes;
using AdminPortal.Features.Preflight.Cli;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Preflight;

/// <summary><c>dotnet run -- preflight …</c>: the app's real entry point, against the demo service on Kestrel.</summary>
public sealed class PreflightCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The declaration is read from the app's appsettings.json, copied beside the test binaries.</summary>
    private static readonly string[] ContentRoot = [$"--contentRoot={AppContext.BaseDirectory}"];

    /// <summary>The compiled <c>Main</c> (synchronous over the async top-level statements), off the test's thread.</summary>
    private static Task<int> EntryPointAsync(params string[] args) =>
        Task.Run(() => (int)typeof(Program).Assembly.EntryPoint!.Invoke(null, [args])!, Ct);

    private static async Task<string[]> ArgumentsAsync(PreflightFactory factory) =>
    [
        PreflightCommand.Name, "--url", factory.ServerAddress.ToString(), "--service-key", IftttFactory.ServiceKey,
        .. await AuthArgumentsAsync(factory), .. ContentRoot,
    ];

    private static async Task<string[]> AuthArgumentsAsync(PreflightFactory factory)
    {
        var auth = await factory.TestUserAuthAsync();
        return ["--client-secret", auth.ClientSecret, "--user", auth.User, "--password", auth.Password];
    }

    [Fact]
    public async Task GreenService_ExitsZero()
    {
        await using var factory = new PreflightFactory();

        Assert.Equal(0, await EntryPointAsync(await ArgumentsAsync(factory)));
    }

    [Fact]
    public async Task ActionIgnoringSkip_ExitsOneAndPrintsWhatToFix()
    {
        await using var factory = new PreflightFactory
        {
            Broken = new AnswerRewriter(r => r.Path == "/ifttt/v1/actions/turn_on_lights",
                (_, status, _) => status == 400 ? (200, new JsonObject { ["data"] = new JsonArray(new JsonObject { ["id"] = "ran" }) }.ToJsonString()) : null),
        };
        var args = await ArgumentsAsync(factory);
        using var output = new StringWriter();

        var exit = await PreflightCommand.RunAsync(args[1..], output, Ct);

        Assert.Equal(1, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        var failure = Array.FindIndex(lines, l => l.StartsWith("FAIL  actions/turn_on_lights: the SKIP sample", StringComparison.Ordinal));
        Assert.True(failure > 0, output.ToString());
        Assert.Equal("why: Expected 400, got 200.", lines[failure + 1]);
        Assert.StartsWith("fix: An action that can never succeed", lines[failure + 2]);
        Assert.Matches(@"^preflight: \d+ passed, 1 failed, 2 skipped$", lines.Last(l => l.Length > 0));
        Assert.Equal(1, await EntryPointAsync(args));
    }

    [Fact]
    public async Task MissingUrl_ExitsTwoWithUsage()
    {
        using var output = new StringWriter();

        Assert.Equal(2, await PreflightCommand.RunAsync(["--service-key", "k"], output, Ct));
        Assert.Contains("--url must be the service's public base URL", output.ToString());
        Assert.Contains("usage: dotnet run -- preflight --url", output.ToString());
        Assert.Equal(2, await EntryPointAsync(PreflightCommand.Name, "--client-secret", "s", "--url", "https://example.com"));
    }
}
