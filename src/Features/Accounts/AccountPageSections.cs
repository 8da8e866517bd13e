using Microsoft.AspNetCore.Components;

namespace AdminPortal.Features.Accounts;

/// <summary>
/// Components other features show on the end user's own page, /Account, in registration order.
/// The OAuth feature lists "Connected services" (with Disconnect) here, without editing the page.
/// The page is static SSR: a section with a form must give it a unique <c>FormName</c>.
/// </summary>
public sealed class AccountPageSections
{
    public List<Type> Components { get; } = [];
}

public static class AccountPageSectionsExtensions
{
    public static IServiceCollection AddAccountPageSection<TComponent>(this IServiceCollection services)
        where TComponent : IComponent =>
        services.Configure<AccountPageSections>(sections => sections.Components.Add(typeof(TComponent)));
}
