using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;

namespace AdminPortal.Features.ProductApi.Requests;

/// <summary>
/// The one Liquid dialect declared requests use (Fluid): parsing at start-up and the options every render shares.
/// Values are only ever template <em>output</em>, never parsed as templates, so braces or tags in a field value are text.
/// </summary>
public static class RequestTemplates
{
    private static readonly FluidParser Parser = new();

    /// <summary>Invariant culture and UTC, so a rendered request does not depend on the server's locale.</summary>
    public static readonly TemplateOptions Options = new()
    {
        CultureInfo = CultureInfo.InvariantCulture,
        TimeZone = TimeZoneInfo.Utc,
        // Templates come from configuration; a runaway loop still must not hold a request.
        MaxSteps = 100_000,
        MaxRecursion = 20,
    };

    public static bool TryParse(string source, out IFluidTemplate template, out string error) =>
        Parser.TryParse(source, out template, out error);

    /// <summary>A context over the model (nested dictionaries, lists and strings).</summary>
    public static TemplateContext Context(IReadOnlyDictionary<string, object?> model)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }
        return context;
    }

    /// <summary>Output as-is: for header values and JSON leaves, which are checked or escaped afterwards.</summary>
    public static string RenderText(IFluidTemplate template, TemplateContext context) =>
        template.Render(context, NullEncoder.Default);

    /// <summary>
    /// Every value the template outputs is URL-encoded (reserved characters such as <c>/ ? # % \ :</c> and CR/LF
    /// become %XX); the template's own literal text is kept. So a value can fill a path segment but never add one.
    /// </summary>
    public static string RenderUrl(IFluidTemplate template, TemplateContext context) =>
        template.Render(context, UrlEncoder.Default);
}
