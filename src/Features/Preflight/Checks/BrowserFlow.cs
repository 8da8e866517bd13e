using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>
/// The user's browser during account linking, without a browser: a cookie-carrying client that follows the service's
/// own redirects, fills in the login form it meets (with its antiforgery token and every hidden field), allows on the
/// consent page if one is shown, and stops at the redirect to IFTTT's redirect URI.
/// </summary>
internal sealed class BrowserFlow(PreflightHttp browser, PreflightAuth auth)
{
    private const int MaxSteps = 12;
    private static readonly string[] AllowWords = ["allow", "accept", "approve", "authorize", "authorise", "yes", "continue"];

    public sealed record Outcome(string? Code, PreflightExchange Exchange, PreflightProblem? Problem);

    public async Task<Outcome> CodeAsync(string state, CancellationToken ct)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = auth.ClientId, ["response_type"] = "code", ["scope"] = "ifttt", ["state"] = state, ["redirect_uri"] = auth.RedirectUri,
        };
        var url = browser.At(QueryHelpers.AddQueryString("/connect/authorize", query));
        var x = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), ct);
        var signedIn = false;
        for (var step = 0; step < MaxSteps; step++)
        {
            if (x.TransportError is not null)
            {
                return Fail(x, $"No answer from {x.Path}: {x.TransportError}", "Check the base URL and that /connect/authorize is reachable.");
            }
            if (x.Status is >= 300 and < 400 && x.Location is { } location)
            {
                var next = new Uri(url, location);
                if (next.GetLeftPart(UriPartial.Path).Equals(auth.RedirectUri.Split('?')[0], StringComparison.OrdinalIgnoreCase))
                {
                    return Arrived(x, next, state);
                }
                if (!SameOrigin(next, browser.BaseUrl))
                {
                    return Fail(x, $"The flow left the service for {next.GetLeftPart(UriPartial.Path)}, not IFTTT's redirect URI.",
                        $"Register exactly {auth.RedirectUri} for client '{auth.ClientId}' (AdminPortal: Ifttt:ServiceSlug or Ifttt:RedirectUri).");
                }
                (url, x) = (next, await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, next), ct));
                continue;
            }
            if (x.Status != 200)
            {
                return Fail(x, $"{x.Path} answered {x.Status} during the authorization flow.",
                    x.Status == 400 ? "The authorize request was refused: check the client id and that the redirect URI is registered exactly."
                        : "Authorize must lead a signed-in user to consent or straight to the redirect URI.");
            }
            var page = new HtmlParser().ParseDocument(x.Body);
            if (LoginForm(page) is { } login)
            {
                if (signedIn)
                {
                    return Fail(x, $"The sign-in of '{auth.User}' did not succeed: the login form came back.",
                        "Check the test user's email and password (and that the account is not locked), and that local sign-in is on for it.");
                }
                signedIn = true;
                (url, x) = await SubmitAsync(url, login, FillLogin(login), ct);
                continue;
            }
            if (ConsentForm(page) is { } consent)
            {
                (url, x) = await SubmitAsync(url, consent.Form, Fields(consent.Form).Append(new(consent.Button.Name!, consent.Button.Value)), ct);
                continue;
            }
            return Fail(x, $"{x.Path} shows neither a login form nor a consent form.", "Authorize must show the login page, then consent, then redirect with a code.");
        }
        return Fail(x, $"The flow did not reach the redirect URI within {MaxSteps} steps.", "Look for a redirect loop between authorize and the login page.");
    }

    private Outcome Arrived(PreflightExchange x, Uri redirect, string state)
    {
        var query = QueryHelpers.ParseQuery(redirect.Query);
        if (query.TryGetValue("error", out var error))
        {
            return Fail(x, $"The redirect carries error={error}.", "The test user must be able to allow IFTTT; access_denied means the consent was refused.");
        }
        if (!query.TryGetValue("state", out var echoed) || echoed != state)
        {
            return Fail(x, "The redirect does not echo state.", "Send IFTTT's state back unchanged on the redirect.");
        }
        return query.TryGetValue("code", out var code) && code.ToString().Length > 0
            ? new Outcome(code.ToString(), x, null)
            : Fail(x, "The redirect has no code.", "Redirect to the redirect URI with ?code=…&state=….");
    }

    private static Outcome Fail(PreflightExchange x, string why, string fix) => new(null, x, new PreflightProblem(why, fix));

    private async Task<(Uri, PreflightExchange)> SubmitAsync(Uri page, IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page : new Uri(page, form.GetAttribute("action")!);
        var message = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        return (action, await browser.SendAsync(message, ct));
    }

    private static IHtmlFormElement? LoginForm(IHtmlDocument page) =>
        page.Forms.FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Type == "password"));

    private IEnumerable<KeyValuePair<string, string>> FillLogin(IHtmlFormElement form)
    {
        var inputs = form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name)).ToList();
        var user = inputs.FirstOrDefault(i => i.Autocomplete == "username") ?? inputs.FirstOrDefault(i => i.Type is "email" or "text");
        foreach (var input in inputs)
        {
            if (input.Type == "password")
            {
                yield return new(input.Name!, auth.Password);
            }
            else if (input == user)
            {
                yield return new(input.Name!, auth.User);
            }
            else if (input.Type == "hidden" || (input.Type == "checkbox" && input.IsChecked))
            {
                yield return new(input.Name!, input.Value);
            }
        }
    }

    private static (IHtmlFormElement Form, IHtmlButtonElement Button)? ConsentForm(IHtmlDocument page)
    {
        foreach (var form in page.Forms)
        {
            var allow = form.Elements.OfType<IHtmlButtonElement>().FirstOrDefault(b => !string.IsNullOrEmpty(b.Name) &&
                AllowWords.Any(w => b.Value.Contains(w, StringComparison.OrdinalIgnoreCase) || b.TextContent.Contains(w, StringComparison.OrdinalIgnoreCase)));
            if (allow is not null)
            {
                return (form, allow);
            }
        }
        return null;
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Type == "hidden")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
