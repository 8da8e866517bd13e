using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Sunset;

/// <summary>What an admin fills in to plan (or change) a sunset.</summary>
public sealed class SunsetRequest
{
    /// <summary>Checked by the planner (with its own message), not by annotations: the date picker binds apart from the form.</summary>
    public DateOnly? SunsetDate { get; set; }

    // Display names: the form's validation messages name the field as the admin sees it, not the property.
    [Required, StringLength(500), Display(Name = "Reason")]
    public string Reason { get; set; } = "";

    [Required, StringLength(4000), Display(Name = "Message to users")]
    public string MessageToUsers { get; set; } = "";

    [Required, EmailAddress, Display(Name = "IFTTT platform team email")]
    public string PlatformTeamEmail { get; set; } = "";

    /// <summary>The admin accepts a sunset less than 14 days ahead (IFTTT asks for two weeks).</summary>
    public bool ConfirmShortNotice { get; set; }

    /// <summary>T-0 is the start of the chosen day, UTC.</summary>
    public DateTimeOffset SunsetAt => new(SunsetDate!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

public sealed record SunsetResult(bool Succeeded, string? Error, SunsetPlan? Plan)
{
    public static SunsetResult Fail(string error) => new(false, error, null);
    public static SunsetResult Ok(SunsetPlan plan) => new(true, null, plan);
}
