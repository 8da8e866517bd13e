using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Sunset;

/// <summary><c>Sunset</c> section.</summary>
public sealed class SunsetOptions
{
    public const string Section = "Sunset";

    /// <summary>IFTTT's platform team, told of a sunset at least two weeks ahead.</summary>
    [Required, EmailAddress]
    public string PlatformTeamEmail { get; set; } = "platform-support@ifttt.com";
}
