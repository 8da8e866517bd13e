namespace AdminPortal.Features.Preflight;

/// <summary>
/// What the preflight runs against: the service's public base URL (IFTTT's "API URL prefix") and the credentials IFTTT
/// would hold. Without <see cref="Auth"/> the authentication tests are skipped; without <see cref="RealtimeUrl"/> the
/// realtime nudge is skipped — each with the reason, never reported as passed.
/// </summary>
public sealed record PreflightTarget(Uri BaseUrl, string? ServiceKey, PreflightAuth? Auth = null, Uri? RealtimeUrl = null)
{
    /// <summary>Why the realtime nudge is not sent, when <see cref="RealtimeUrl"/> is absent.</summary>
    public string RealtimeSkipReason { get; init; } = "No Realtime API URL was given, so no nudge was sent to IFTTT.";
}

/// <summary>
/// IFTTT's side of account linking: its client credentials and redirect URI, and a test user who signs in through the
/// login form. The client secret is needed in clear because the app keeps only its hash.
/// </summary>
public sealed record PreflightAuth(string ClientId, string ClientSecret, string RedirectUri, string User, string Password);
