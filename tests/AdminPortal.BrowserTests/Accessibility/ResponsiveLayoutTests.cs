using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Accessibility;

/// <summary>
/// The pages admins read most, at a laptop's 1280 px and a phone's 400 px: every table cell within the viewport (no
/// key column behind horizontal scroll, no card value off screen) and times on one line. Screenshots of each
/// (TestResults/screenshots/layout-*) are what docs/screenshots keeps.
/// </summary>
public sealed class ResponsiveLayoutTests(ChromiumFixture chromium, AccessibilityServer server) : IClassFixture<AccessibilityServer>
{
    // The four kept in docs/screenshots first, then every other dashboard page.
    private static readonly string[] Pages =
    [
        "/admin", "/admin/traffic", "/admin/users", "/admin/service", "/admin/timelines", "/admin/identities", "/admin/realtime",
        "/admin/actions", "/admin/connectors", "/admin/sunset", "/admin/outbox", "/admin/backups", "/admin/alerts",
    ];

    [Theory]
    [InlineData(1280)]
    [InlineData(400)]
    public async Task KeyPages_FitTheViewport(int width)
    {
        await server.FillAsync("layout-front-door-identity-with-a-long-name", withRefusedPoll: true);
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        await page.SetViewportSizeAsync(width, 900);
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fadmin");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin");
        var problems = new List<string>();
        var paths = Pages.ToList();
        foreach (var path in paths.ToList())
        {
            await page.GotoAsync(path);
            await browser.WaitForCircuitAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (path == "/admin/users")
            {
                // The list renders over the circuit after the page is idle; on a loaded machine it can come later.
                await page.Locator("[data-testid=user-link]").First.WaitForAsync(new() { Timeout = 15_000 });
                paths.Add((await page.Locator("[data-testid=user-link]").Last.GetAttributeAsync("href"))!);
            }
            await CheckAsync(page, path, width, problems);
            await browser.ScreenshotAsync($"layout-{width}-{path.Trim('/').Replace('/', '-')}");
        }
        var user = paths.Skip(Pages.Length).FirstOrDefault();
        Assert.NotNull(user);
        await page.GotoAsync(user);
        await browser.WaitForCircuitAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync(page, user, width, problems);
        await browser.ScreenshotAsync($"layout-{width}-admin-user");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task CheckAsync(IPage page, string path, int width, List<string> problems)
    {
        // Cells (or cards' values) that end right of the viewport, and times that wrap.
        var outside = await page.EvaluateAsync<string[]>($$"""
            () => [...document.querySelectorAll('main td, main th, main code')]
                .filter(e => e.offsetParent !== null && e.getBoundingClientRect().right > {{width}} + 1)
                .slice(0, 5).map(e => (e.dataset.label || e.tagName) + ': ' + e.textContent.trim().slice(0, 40))
            """);
        problems.AddRange(outside.Select(o => $"{path} @ {width}px: beyond the viewport — {o}"));
        var wrapped = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main span[title$="Z"]')]
                .filter(e => e.getClientRects().length > 1).slice(0, 3).map(e => e.textContent)
            """);
        problems.AddRange(wrapped.Select(t => $"{path} @ {width}px: time wraps — {t}"));
    }
}
