using System.Net;
using System.Text.RegularExpressions;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Submits the app's real static-SSR forms the way a browser would: GET the page, read the hidden
/// antiforgery token and Blazor's form-handler name, POST the fields.
/// </summary>
public static partial class FormPoster
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, IDictionary<string, string> fields, string? formName = null)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {pageUrl} answered {(int)page.StatusCode}: {html[..Math.Min(300, html.Length)]}");
        }

        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = HiddenValue(html, "__RequestVerificationToken", formName),
        };
        var handler = TryHiddenValue(html, "_handler", formName);
        if (handler is not null)
        {
            form["_handler"] = handler;
        }
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in through the login page and returns the redirect response.</summary>
    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string? returnUrl = null) =>
        SubmitAsync(client, "/Account/Login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)),
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static string HiddenValue(string html, string name, string? formName = null) =>
        TryHiddenValue(html, name, formName) ?? throw new InvalidOperationException($"No hidden input '{name}' in the page.");

    private static string? TryHiddenValue(string html, string name, string? formName)
    {
        if (formName is not null)
        {
            var at = html.IndexOf($"value=\"{formName}\"", StringComparison.Ordinal);
            if (at > 0)
            {
                var formStart = html.LastIndexOf("<form", at, StringComparison.Ordinal);
                html = html[formStart..];
            }
        }
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }
}
