using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.Sunset;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth.Sunset;

/// <summary>OAuth's part of the sunset (an <see cref="ISunsetStep"/> the Sunset feature runs without knowing it): at T-0, revokes every authorization of the IFTTT client and every token issued under it.</summary>
internal sealed class RevokeIftttAccessStep(
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    IOptions<IftttClientOptions> client,
    TokenHealthRecorder health,
    ILogger<RevokeIftttAccessStep> logger) : ISunsetStep
{
    public async Task RunAsync(SunsetPlan plan, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(client.Value.ClientId, ct);
        if (application is null)
        {
            return;
        }
        var applicationId = await applications.GetIdAsync(application, ct);
        var users = new HashSet<string>(StringComparer.Ordinal);
        // Each list is read to the end before its rows are changed: one command at a time per connection on PostgreSQL.
        foreach (var authorization in await authorizations.FindByApplicationIdAsync(applicationId!, ct).ToListAsync(ct))
        {
            if (await authorizations.HasStatusAsync(authorization, Statuses.Valid, ct) && await authorizations.TryRevokeAsync(authorization, ct)
                && await authorizations.GetSubjectAsync(authorization, ct) is { } subject)
            {
                users.Add(subject);
            }
        }
        foreach (var token in await tokens.FindByApplicationIdAsync(applicationId!, ct).ToListAsync(ct))
        {
            if (await tokens.HasStatusAsync(token, Statuses.Valid, ct))
            {
                await tokens.TryRevokeAsync(token, ct);
            }
        }
        // Token health shows them Disconnected now, not at the next hourly recomputation.
        foreach (var userId in users)
        {
            await health.RecomputeAsync(userId, ct);
        }
        logger.LogWarning("Sunset: revoked the IFTTT links of {Count} user(s) and their tokens", users.Count);
    }
}
