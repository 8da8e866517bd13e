// Small helpers the admin dashboard calls through JS interop.
window.adminPortalTime = {
    // The browser's IANA time zone (e.g. "Europe/Berlin"); the dashboard shows times in it.
    zone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
};
