using System.Net;
using System.Text;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// <see cref="IftttFactory"/> on real Kestrel (127.0.0.1, a free port): the fuzz must meet the request parser, limits and
/// encodings a running instance has, not the in-process test server's. Clients send <c>Host: localhost</c> because the
/// factory's tokens are minted for that issuer.
/// </summary>
public class KestrelIftttFactory : IftttFactory
{
    public KestrelIftttFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.BaseAddress = ServerAddress;
        client.DefaultRequestHeaders.Host = "localhost";
    }

    /// <summary>
    /// A client that does not follow redirects and sends header values as UTF-8 bytes, as a careless client may
    /// (.NET's default refuses to send them at all).
    /// </summary>
    public HttpClient RawClient()
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        }) { BaseAddress = ServerAddress };
        client.DefaultRequestHeaders.Host = "localhost";
        return client;
    }

    public Uri ServerAddress => KestrelAddress.Of(this);
}
