namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>
/// What one /ifttt/v1 request was about, filled in by filters and handlers and written to the
/// request log when the response completes.
/// </summary>
public sealed class IftttRequestInfo
{
    public string? UserId { get; set; }
    public string? TriggerIdentity { get; set; }
    public int? Items { get; set; }
    public string? Error { get; set; }
    public bool Realtime { get; init; }
    public bool TestMode { get; init; }

    public static IftttRequestInfo For(HttpContext context) =>
        context.Features.Get<IftttRequestInfo>() ?? throw new InvalidOperationException("Not an IFTTT request.");

    /// <summary>The user the bearer filter authenticated; only on user endpoints.</summary>
    public static string UserIdOf(HttpContext context) =>
        For(context).UserId ?? throw new InvalidOperationException("The bearer filter did not run.");
}
