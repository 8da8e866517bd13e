namespace AdminPortal.Features.OAuth;

/// <summary><c>Ifttt</c> section: how IFTTT is registered as our OAuth client.</summary>
public sealed class IftttClientOptions
{
    public const string Section = "Ifttt";

    /// <summary>The client id typed into IFTTT's platform ("OAuth2 client id").</summary>
    public string ClientId { get; set; } = "ifttt";

    /// <summary>IFTTT's service slug; it fixes the redirect URI IFTTT uses. Empty: the declared <c>Service:Slug</c>.</summary>
    public string ServiceSlug { get; set; } = "";

    /// <summary>Overrides the redirect URI, e.g. for a cloned staging service on IFTTT.</summary>
    public string? RedirectUri { get; set; }

    public string EffectiveRedirectUri =>
        string.IsNullOrWhiteSpace(RedirectUri) ? $"https://ifttt.com/channels/{ServiceSlug}/authorize" : RedirectUri;
}
