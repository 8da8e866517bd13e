using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Dashboard;

/// <summary><c>Dashboard</c> section.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>An active trigger identity IFTTT has not polled for this many days is shown as stale.</summary>
    [Range(1, 365)]
    public int StaleIdentityDays { get; set; } = 7;

    /// <summary>How often the IFTTT traffic page's live tail refreshes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.250", "00:01:00")]
    public TimeSpan LiveTailInterval { get; set; } = TimeSpan.FromSeconds(2);
}
