using System.Net;
using System.Text;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// <c>Ifttt:RealtimeUrl=local</c> (Development's default): the realtime client's handler answers every call itself
/// with IFTTT's 200, so nudges are batched, "delivered" and shown on the Realtime page like real ones while nothing
/// leaves the machine — a developer offline, or without an IFTTT service yet, never talks to realtime.ifttt.com.
/// </summary>
public sealed class LocalRealtimeSink : HttpMessageHandler
{
    public const string UrlValue = "local";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        });
}
