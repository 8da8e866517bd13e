[assembly: AssemblyFixture(typeof(AdminPortal.BrowserTests.Infrastructure.ChromiumFixture))]

namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run (an assembly fixture): Debian's <c>/usr/bin/chromium</c>
/// (or <c>CHROMIUM_PATH</c>), never a Playwright-downloaded browser. Tests open their own context per test.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    // Headless in a container: no sandbox (we run as root), and none of Chromium's background traffic.
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: apt-get install -y chromium (or set CHROMIUM_PATH).");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Args = Args, Headless = true });
    }

    /// <summary>A fresh context (own cookies) and page on <paramref name="server"/>, recording failed responses.</summary>
    public async Task<BrowserSession> OpenAsync(AppServer server)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        // Generous: a shared 2-core machine under load can take many seconds to start a Blazor circuit.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
