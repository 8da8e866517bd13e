namespace AdminPortal.Features.Sunset;

/// <summary>
/// Something that must happen at T-0 when the service is removed (revoke tokens, archive trigger
/// identities, …). Each feature that holds live state registers one; each must be safe to run twice.
/// </summary>
public interface ISunsetStep
{
    Task RunAsync(SunsetPlan plan, CancellationToken ct);
}
