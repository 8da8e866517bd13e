using AdminPortal.Features.Jobs;
using MudBlazor;

namespace AdminPortal.Features.Admin;

/// <summary>One entry in the admin navigation drawer.</summary>
/// <param name="ForceLoad">For pages served outside Blazor (the Hangfire dashboard): a full page load.</param>
public sealed record AdminNavEntry(string Title, string Href, string Icon, bool ForceLoad = false);

/// <summary>
/// The admin drawer, in order. A feature adds its page by adding one line here.
/// </summary>
public static class AdminNav
{
    public static readonly IReadOnlyList<AdminNavEntry> Entries =
    [
        new("Overview", "/admin", Icons.Material.Filled.Dashboard),
        new("Alerts", "/admin/alerts", Icons.Material.Filled.NotificationImportant),
        new("Users", "/admin/users", Icons.Material.Filled.People),
        new("Timelines", "/admin/timelines", Icons.Material.Filled.Timeline),
        new("Trigger identities", "/admin/identities", Icons.Material.Filled.Fingerprint),
        new("IFTTT traffic", "/admin/traffic", Icons.Material.Filled.SwapHoriz),
        new("Realtime", "/admin/realtime", Icons.Material.Filled.Bolt),
        new("Actions", "/admin/actions", Icons.Material.Filled.PlayCircle),
        new("Connectors", "/admin/connectors", Icons.Material.Filled.Cable),
        new("Service", "/admin/service", Icons.Material.Filled.Tune),
        new("Preflight", "/admin/preflight", Icons.Material.Filled.FactCheck),
        new("Sunset notices", "/admin/sunset", Icons.Material.Filled.WbTwilight),
        new("Outbox", "/admin/outbox", Icons.Material.Filled.Outbox),
        new("Backups", "/admin/backups", Icons.Material.Filled.Backup),
        new("Jobs", JobsExtensions.DashboardPath, Icons.Material.Filled.Schedule, ForceLoad: true),
    ];
}
