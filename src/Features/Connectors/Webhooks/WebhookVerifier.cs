using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Features.Connectors.Sources;
using StandardWebhooks;

namespace AdminPortal.Features.Connectors.Webhooks;

/// <summary>The delivery's <c>webhook-id</c> when it is authentic, or why not.</summary>
public sealed record WebhookCheck(bool Valid, string? MessageId, string? Problem);

/// <summary>
/// Standard Webhooks verification with the configured tolerance: the signature is computed by the
/// <c>StandardWebhooks</c> package (<see cref="StandardWebhook.Sign"/>) and compared in constant time against every
/// <c>v1,</c> entry of <c>webhook-signature</c> (several while the product rotates its secret). The package's own
/// <c>Verify</c> is not used because its timestamp tolerance is fixed and reads the machine clock.
/// Products that cannot sign send a shared secret in a header instead.
/// </summary>
public static class WebhookVerifier
{
    public static WebhookCheck Check(WebhookSource source, IHeaderDictionary headers, string body, DateTimeOffset now)
    {
        if (source.SharedSecretHeader is { } header)
        {
            var given = Encoding.UTF8.GetBytes(headers[header].ToString());
            var expected = Encoding.UTF8.GetBytes(source.SharedSecret!);
            return CryptographicOperations.FixedTimeEquals(given, expected)
                ? new WebhookCheck(true, headers["webhook-id"].ToString() is { Length: > 0 and <= 200 } id ? id : null, null)
                : new WebhookCheck(false, null, $"The {header} header is missing or wrong.");
        }

        var messageId = headers["webhook-id"].ToString();
        var timestampText = headers["webhook-timestamp"].ToString();
        var signatures = headers["webhook-signature"].ToString();
        if (messageId.Length is 0 or > 200 || timestampText.Length == 0 || signatures.Length == 0)
        {
            return new WebhookCheck(false, null, "The webhook-id, webhook-timestamp and webhook-signature headers are required.");
        }
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new WebhookCheck(false, null, "The webhook-timestamp header is not a Unix time in seconds.");
        }
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799));
        if ((now - timestamp).Duration() > source.Tolerance)
        {
            return new WebhookCheck(false, null, $"The webhook-timestamp is more than {source.Tolerance} away from now.");
        }
        var expectedSignature = new StandardWebhook(source.Secret!).Sign(messageId, timestamp, body);
        var expectedValue = expectedSignature[(expectedSignature.IndexOf(',') + 1)..];
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma > 0 && entry[..comma] == "v1" && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry[(comma + 1)..]), Encoding.ASCII.GetBytes(expectedValue)))
            {
                return new WebhookCheck(true, messageId, null);
            }
        }
        return new WebhookCheck(false, null, "The webhook signature does not match.");
    }
}
