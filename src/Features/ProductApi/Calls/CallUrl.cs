using System.Text;

namespace AdminPortal.Features.ProductApi.Calls;

/// <summary>The URL as the call log keeps it: query values whose names suggest a secret are masked.</summary>
public static class CallUrl
{
    private static readonly string[] SecretNames = ["token", "key", "secret", "password", "signature", "sig", "code", "auth", "session"];

    public static string ForLog(Uri url)
    {
        var text = url.GetLeftPart(UriPartial.Path);
        if (url.Query.Length <= 1)
        {
            return Truncate(text);
        }
        var query = new StringBuilder();
        foreach (var pair in url.Query[1..].Split('&'))
        {
            var name = pair.Split('=', 2)[0];
            var secret = SecretNames.Any(s => Uri.UnescapeDataString(name).Contains(s, StringComparison.OrdinalIgnoreCase));
            query.Append(query.Length == 0 ? '?' : '&').Append(secret ? $"{name}=***" : pair);
        }
        return Truncate(text + query);
    }

    private static string Truncate(string value) => value.Length > 2000 ? value[..2000] : value;
}
