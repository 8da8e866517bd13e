using System.Globalization;
using System.Text;
using StandardWebhooks;

namespace AdminPortal.Features.ProductApi.Requests;

/// <summary>Standard Webhooks signature over <c>id.timestamp.body</c>, computed by the <c>StandardWebhooks</c> package.</summary>
public sealed class RequestSigner(string secret)
{
    private readonly StandardWebhook _webhook = new(secret);

    public IEnumerable<KeyValuePair<string, string>> Headers(byte[]? body, DateTimeOffset now)
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var signature = _webhook.Sign(id, now, body is null ? "" : Encoding.UTF8.GetString(body));
        yield return KeyValuePair.Create("webhook-id", id);
        yield return KeyValuePair.Create("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        yield return KeyValuePair.Create("webhook-signature", signature);
    }
}
