using System.Text;
using AdminPortal.Features.ProductApi.Requests;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace AdminPortal.UnitTests.Features.ProductApi;

public sealed class RequestSignerTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static HeaderDictionary Sign(string body, DateTimeOffset at)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in new RequestSigner(Secret).Headers(Encoding.UTF8.GetBytes(body), at))
        {
            headers[name] = value;
        }
        return headers;
    }

    [Fact]
    public void Headers_VerifyWithTheStandardWebhooksLibrary()
    {
        var headers = Sign("""{"text":"hi"}""", DateTimeOffset.UtcNow);

        new StandardWebhook(Secret).Verify("""{"text":"hi"}""", headers);
        Assert.StartsWith("msg_", headers["webhook-id"].ToString());
        Assert.StartsWith("v1,", headers["webhook-signature"].ToString());
    }

    [Fact]
    public void Headers_TamperedBodyOrOtherSecret_FailVerification()
    {
        var headers = Sign("""{"text":"hi"}""", DateTimeOffset.UtcNow);

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(Secret).Verify("""{"text":"bye"}""", headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[24])).Verify("""{"text":"hi"}""", headers));
    }
}
