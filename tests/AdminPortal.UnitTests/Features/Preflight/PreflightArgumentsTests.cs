using AdminPortal.Features.Preflight.Cli;

namespace AdminPortal.UnitTests.Features.Preflight;

public sealed class PreflightArgumentsTests
{
    [Fact]
    public void Parse_OwnOptionsAndConfigurationApart()
    {
        var (arguments, problem) = PreflightArguments.Parse(
            ["--url", "https://ifttt.example.com", "--service-key", "k", "--Config:Include=x.json", "--client-secret", "s", "--user", "u", "--password", "p"]);

        Assert.Null(problem);
        Assert.Equal(("https://ifttt.example.com", "k", "s", "u", "p"), (arguments!.Url, arguments.ServiceKey, arguments.ClientSecret, arguments.User, arguments.Password));
        Assert.Equal(["--Config:Include=x.json"], arguments.Configuration);
    }

    [Theory]
    [InlineData("--url must be the service's public base URL", "--service-key", "k")]
    [InlineData("--url must be the service's public base URL", "--url", "ftp://example.com")]
    [InlineData("--url needs a value.", "--url")]
    [InlineData("need all of --client-secret, --user and --password", "--url", "https://example.com", "--user", "u")]
    public void Parse_Mistakes_SayWhatToFix(string expected, params string[] args)
    {
        var (arguments, problem) = PreflightArguments.Parse(args);

        Assert.Null(arguments);
        Assert.Contains(expected, problem);
    }
}
