using MudBlazor;

namespace AdminPortal.Components.Layout;

/// <summary>
/// MudBlazor's palette with its status colours darkened (light mode) or lightened (dark mode) until text in them, and
/// white text on them, meets WCAG AA (4.5:1): the defaults' bright green, orange and red chips measured 2.2–3.7:1.
/// </summary>
public static class AdminTheme
{
    public static readonly MudTheme Instance = new()
    {
        PaletteLight = new PaletteLight
        {
            Success = "#1b5e20",
            Error = "#b71c1c",
            Warning = "#8a4b00",
            Info = "#0d47a1",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c82f0",
            Success = "#66bb6a",
            Error = "#ef9a9a",
            Warning = "#ffb74d",
            Info = "#64b5f6",
        },
    };
}
