namespace AdminPortal.Bench.Load;

/// <summary>
/// The bench's load balancer for several app instances: each request goes to the next instance in turn (round robin
/// per request, as an L7 balancer without stickiness would), its path and query unchanged. Requests are built
/// against the first instance's address (the client's base address), so one instance needs no rewriting at all.
/// </summary>
internal sealed class SpreadHandler(IReadOnlyList<Uri> instances, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private long _next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = instances[(int)(Interlocked.Increment(ref _next) % instances.Count)];
        request.RequestUri = new UriBuilder(request.RequestUri!) { Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
