// Remembers the admin's light/dark choice in a cookie (not localStorage) so the server reads it while
// prerendering and the first paint already has the right theme. See ThemePreference.cs.
window.adminPortalTheme = {
    remember: dark => {
        document.cookie = `adminportal-theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
    },
};
