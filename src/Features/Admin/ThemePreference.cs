namespace AdminPortal.Features.Admin;

/// <summary>The admin's light/dark choice, kept in a cookie written by wwwroot/js/theme.js.</summary>
public static class ThemePreference
{
    public const string CookieName = "adminportal-theme";
    public const string RememberFunction = "adminPortalTheme.remember";

    public static bool IsDark(HttpContext? context) => context?.Request.Cookies[CookieName] == "dark";
}
