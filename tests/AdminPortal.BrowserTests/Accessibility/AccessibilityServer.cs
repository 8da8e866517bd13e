using AdminPortal.BrowserTests.Infrastructure;

namespace AdminPortal.BrowserTests.Accessibility;

/// <summary>The app with known IFTTT keys, so the test can fill the pages (test/setup, a poll) before checking them.</summary>
public sealed class AccessibilityServer : AppServer
{
    public const string ServiceKey = "a11y-service-key";

    public AccessibilityServer() => Settings["Ifttt:ServiceKey"] = ServiceKey;
}
