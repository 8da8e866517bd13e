using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Accounts.Sessions;

/// <summary>
/// The Blazor template's revalidating provider for the admin circuits: every
/// <c>Accounts:SessionRevalidationInterval</c>, and at once when <see cref="AccountAccessChanges"/> names the circuit's
/// user, the user is checked (<see cref="SessionCheck"/>); a failed check makes the circuit anonymous, so its pages send
/// it to the login page. Each check takes a fresh scope: a circuit lives for hours, a UserManager's context must not.
/// </summary>
public sealed class RevalidatingAccountStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<IdentityOptions> _identity;
    private readonly IOptions<AccountOptions> _accounts;
    private readonly AccountAccessChanges _changes;
    private readonly ILogger<RevalidatingAccountStateProvider> _log;

    public RevalidatingAccountStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity,
        IOptions<AccountOptions> accounts, AccountAccessChanges changes) : base(loggers)
    {
        _scopes = scopes;
        _identity = identity;
        _accounts = accounts;
        _changes = changes;
        _log = loggers.CreateLogger<RevalidatingAccountStateProvider>();
        changes.Changed += OnAccessChanged;
    }

    protected override TimeSpan RevalidationInterval => _accounts.Value.SessionRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await SessionCheck.IsCurrentAsync(users, _identity.Value, state.User);
    }

    protected override void Dispose(bool disposing)
    {
        _changes.Changed -= OnAccessChanged;
        base.Dispose(disposing);
    }

    private async void OnAccessChanged(string? userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (userId is not null && state.User.FindFirstValue(_identity.Value.ClaimsIdentity.UserIdClaimType) != userId
                || await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                return;
            }
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        catch (Exception ex)
        {
            // The periodic check still runs; a failed notice must not take the process down (async void).
            _log.LogWarning(ex, "Could not revalidate an open circuit after an access change");
        }
    }
}
