using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth;

/// <summary>Who is linked to IFTTT, read from OpenIddict's authorizations for the IFTTT client.</summary>
public sealed class IftttLinks(
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOptions<IftttClientOptions> client)
{
    private string? _applicationId;

    /// <summary>Whether the user has a valid authorization for IFTTT, i.e. tokens that can work.</summary>
    public async Task<bool> IsConnectedAsync(string userId, CancellationToken ct = default)
    {
        var applicationId = await ApplicationIdAsync(ct);
        await foreach (var _ in authorizations.FindAsync(userId, applicationId, Statuses.Valid, type: null, scopes: null, ct))
        {
            return true;
        }
        return false;
    }

    /// <summary>Every user who ever linked (valid or not), for recomputing everyone's health.</summary>
    public async Task<IReadOnlySet<string>> EverLinkedUserIdsAsync(CancellationToken ct = default)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        if (await ApplicationIdAsync(ct) is not { } applicationId)
        {
            return users;
        }
        await foreach (var authorization in authorizations.FindByApplicationIdAsync(applicationId, ct))
        {
            if (await authorizations.GetSubjectAsync(authorization, ct) is { Length: > 0 } subject)
            {
                users.Add(subject);
            }
        }
        return users;
    }

    private async Task<string?> ApplicationIdAsync(CancellationToken ct) =>
        _applicationId ??= await applications.FindByClientIdAsync(client.Value.ClientId, ct) is { } application
            ? await applications.GetIdAsync(application, ct)
            : null;
}
