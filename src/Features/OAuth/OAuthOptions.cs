using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// <c>OAuth</c> section: token lifetimes. Read once while OpenIddict is composed, so changes take effect on restart.
/// (The certificate keys <c>OAuth:SigningCertificate</c> / <c>OAuth:EncryptionCertificate</c> live in the same section.)
/// </summary>
public sealed class OAuthOptions
{
    public const string Section = "OAuth";

    /// <summary>How long an access token works; IFTTT refreshes when it gets a 401.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a refresh token that was already exchanged keeps working (OpenIddict's reuse leeway):
    /// IFTTT's refresh round trip is not atomic, so it may retry with the previous token.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RefreshTokenGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an authorization code can be exchanged; single use either way.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Binds and validates the section now, so a bad value stops start-up with the key's name.</summary>
    public static OAuthOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OAuthOptions>() ?? new OAuthOptions();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var first = results[0];
            throw new Data.StartupConfigurationException($"{Section}:{first.MemberNames.FirstOrDefault()}", first.ErrorMessage ?? "invalid value.");
        }
        return options;
    }
}
