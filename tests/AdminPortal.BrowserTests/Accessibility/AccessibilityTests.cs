using AdminPortal.BrowserTests.Infrastructure;
using Deque.AxeCore.Playwright;

namespace AdminPortal.BrowserTests.Accessibility;

/// <summary>
/// Every page through axe-core (Deque's engine, run inside Chromium): no serious or critical violation, one h1 and a
/// main landmark each, with data on the pages (IFTTT's test set-up and a poll) so tables and chips are checked too.
/// </summary>
public sealed class AccessibilityTests(ChromiumFixture chromium, AccessibilityServer server) : IClassFixture<AccessibilityServer>
{
    private static readonly string[] AnonymousPages = ["/", "/Account/Login", "/Account/Register", "/Account/ResetPassword", "/Account/ConfirmRegistration", "/Account/AccessDenied"];

    private static readonly string[] AdminPages =
    [
        "/admin", "/admin/users", "/admin/timelines", "/admin/identities", "/admin/traffic", "/admin/realtime", "/admin/actions",
        "/admin/connectors", "/admin/service", "/admin/preflight", "/admin/sunset", "/admin/outbox", "/admin/backups", "/admin/alerts", "/Account", "/Account/ChangePassword",
    ];

    [Fact]
    public async Task EveryPage_HasNoSeriousOrCriticalViolation_OneH1AndAMainLandmark()
    {
        await server.FillAsync("a11y-front");
        await using var browser = await chromium.OpenAsync(server);
        var page = browser.Page;
        var problems = new List<string>();
        foreach (var path in AnonymousPages)
        {
            await page.GotoAsync(path);
            await CheckAsync(page, path, problems);
        }

        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fadmin");
        await browser.SignInAsync(AppServer.AdminEmail, AppServer.AdminPassword);
        await page.WaitForURLAsync("**/admin");
        await browser.WaitForCircuitAsync();
        // The skip link is the first thing Tab reaches on a dashboard page (the first focusable element), it shows when
        // focused, and following it lands in the main content.
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>(
            "document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])').textContent.trim()"));
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await skip.FocusAsync();
        Assert.True((await skip.BoundingBoxAsync())!.X >= 0, "the focused skip link is on screen");
        await page.Keyboard.PressAsync("Enter");
        // Still the admin page, scrolled to its content: not the home page a bare "#main-content" resolved to.
        Assert.EndsWith("/admin#main-content", page.Url);
        var details = new List<string>();
        foreach (var path in AdminPages)
        {
            await OpenAsync(browser, path);
            await CheckAsync(page, path, problems);
            // One detail page of each kind the list links to.
            foreach (var link in new[] { "user-link", "event-link", "identity-link", "request-link" })
            {
                if (await page.Locator($"[data-testid={link}]").CountAsync() > 0 && !details.Contains(link))
                {
                    details.Add(link);
                    var href = await page.Locator($"[data-testid={link}]").First.GetAttributeAsync("href");
                    await OpenAsync(browser, href!);
                    await CheckAsync(page, href!, problems);
                    await OpenAsync(browser, path);
                }
            }
        }

        Assert.True(details.Count >= 3, $"detail pages checked: {string.Join(", ", details)}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task OpenAsync(BrowserSession browser, string path)
    {
        await browser.Page.GotoAsync(path);
        if (path.StartsWith("/admin", StringComparison.Ordinal))
        {
            await browser.WaitForCircuitAsync();
            await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
    }

    /// <summary>Axe's serious and critical violations, and a page without exactly one h1 and one main landmark, added to <paramref name="problems"/>.</summary>
    internal static async Task CheckAsync(IPage page, string path, List<string> problems)
    {
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
            problems.Add($"{path}: {violation.Impact} {violation.Id} — {violation.Help} ({violation.Nodes.Length}× e.g. {targets})");
        }
        var h1 = await page.Locator("h1").CountAsync();
        if (h1 != 1)
        {
            problems.Add($"{path}: {h1} <h1> elements (one expected)");
        }
        if (await page.Locator("main, [role=main]").CountAsync() != 1)
        {
            problems.Add($"{path}: no single main landmark");
        }
    }
}
