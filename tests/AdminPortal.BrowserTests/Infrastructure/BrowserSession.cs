namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>
/// One test's browser context and page, plus every 4xx/5xx response the page met (missing assets show up here) and
/// every Content-Security-Policy violation Chromium reported (a script, style or connection the app's policy blocks).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _failedResponses = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (_failedResponses)
                {
                    _failedResponses.Add($"{response.Status} {response.Url}");
                }
            }
        };
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (_failedResponses)
                {
                    _failedResponses.Add("CSP: " + message.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> FailedResponses
    {
        get
        {
            lock (_failedResponses)
            {
                return [.. _failedResponses];
            }
        }
    }

    /// <summary>Signs in through the real login form; the caller's page is then wherever the app sent it.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
    }

    /// <summary>
    /// Clicks a button that submits a plain form post and waits until the page has left its current address. Under the
    /// full parallel test run a click that landed while the page was still settling was seen to be lost (3 of 8 runs,
    /// sign-in and sign-out alike): settle first, and click once more if the page has not moved, as a person would.
    /// A failure names where the page stayed and the failed responses it met.
    /// </summary>
    public async Task SubmitAsync(ILocator button)
    {
        var from = Page.Url;
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await button.ClickAsync();
        if (!await LeavesAsync(from, 15_000) && Page.Url == from)
        {
            await button.ClickAsync();
        }
        Assert.True(await LeavesAsync(from, 60_000), $"The form post stayed at {Page.Url}; failed responses: {string.Join(", ", FailedResponses)}");
    }

    private async Task<bool> LeavesAsync(string from, float timeoutMs)
    {
        try
        {
            await Page.WaitForURLAsync(url => url != from, new() { Timeout = timeoutMs });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Waits until the admin layout has rendered inside the Blazor circuit, so clicks reach .NET.</summary>
    public Task WaitForCircuitAsync() => Page.Locator("[data-interactive=true]").WaitForAsync();

    /// <summary>Writes a full-page PNG under TestResults/screenshots, attaches it to the test result and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        var png = await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name + ".png", png, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
