using AdminPortal.Shared;
namespace AdminPortal.Features.Accounts;

/// <summary>Where people go after signing in or registering.</summary>
public static class AccountRedirects
{
    public const string AdminHome = RoutePrefixes.Admin;
    public const string UserHome = "/Account";

    /// <summary>
    /// Follows <paramref name="returnUrl"/> only when it stays on this site (the OAuth authorize endpoint
    /// sends people here with <c>/connect/authorize?…</c>); anything else would make the login page an open redirect.
    /// </summary>
    public static string AfterSignIn(string? returnUrl, bool isAdmin) =>
        IsLocal(returnUrl) ? returnUrl! : isAdmin ? AdminHome : UserHome;

    /// <summary>The same rule as ASP.NET Core's <c>IsLocalUrl</c>: one leading slash, not <c>//host</c> or <c>/\host</c>.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
