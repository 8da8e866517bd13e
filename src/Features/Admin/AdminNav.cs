using AdminPortal.Features.Jobs;
using MudBlazor;

namespace AdminPortal.Features.Admin;

/// <summary>One entry in the admin navigation drawer.</summary>
/// <param name="ArrivesWith">The feature that brings the page, shown by its placeholder until then.</param>
/// <param name="ForceLoad">For pages served outside Blazor (the Hangfire dashboard): a full page load.</param>
public sealed record AdminNavEntry(string Title, string Href, string Icon, string ArrivesWith, bool ForceLoad = false);

/// <summary>
/// The admin drawer, in order. A feature adds its page by adding one line here (and deleting its
/// placeholder under Placeholders/, which keeps the link from 404-ing until the page exists).
/// </summary>
public static class AdminNav
{
    public static readonly IReadOnlyList<AdminNavEntry> Entries =
    [
        new("Overview", "/admin", Icons.Material.Filled.Dashboard, "Foundation"),
        new("Users", "/admin/users", Icons.Material.Filled.People, "the users feature"),
        new("Timelines", "/admin/timelines", Icons.Material.Filled.Timeline, "the timelines feature"),
        new("Trigger identities", "/admin/identities", Icons.Material.Filled.Fingerprint, "the trigger identities feature"),
        new("IFTTT traffic", "/admin/traffic", Icons.Material.Filled.SwapHoriz, "the IFTTT traffic log"),
        new("Realtime", "/admin/realtime", Icons.Material.Filled.Bolt, "the Realtime notifications feature"),
        new("Actions", "/admin/actions", Icons.Material.Filled.PlayCircle, "the actions feature"),
        new("Service", "/admin/service", Icons.Material.Filled.Tune, "the service declaration feature"),
        new("Sunset notices", "/admin/sunset", Icons.Material.Filled.WbTwilight, "the sunset feature"),
        new("Outbox", "/admin/outbox", Icons.Material.Filled.Outbox, "the outbox feature"),
        new("Jobs", JobsExtensions.DashboardPath, Icons.Material.Filled.Schedule, "Foundation", ForceLoad: true),
    ];

    public static AdminNavEntry? Find(string href) =>
        Entries.FirstOrDefault(e => string.Equals(e.Href, href, StringComparison.OrdinalIgnoreCase));
}
