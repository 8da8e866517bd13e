using System.Net;
using AdminPortal.Bench.Load;

namespace AdminPortal.BenchTests;

/// <summary>The bench's load balancer for --instances: every instance in turn, the request's path and query untouched.</summary>
public sealed class SpreadHandlerTests
{
    [Fact]
    public async Task Requests_GoToEachInstanceInTurn_WithPathAndQueryKept()
    {
        var seen = new List<Uri>();
        var a = new Uri("http://127.0.0.1:5001/");
        var b = new Uri("http://127.0.0.1:5002/");
        using var http = new HttpClient(new SpreadHandler([a, b], new Recorder(seen))) { BaseAddress = a };

        foreach (var path in new[] { "ifttt/v1/status", "connect/token", "api/v1/events?x=1", "ifttt/v1/user/info" })
        {
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        }

        Assert.Equal(["http://127.0.0.1:5001/ifttt/v1/status", "http://127.0.0.1:5002/connect/token", "http://127.0.0.1:5001/api/v1/events?x=1",
            "http://127.0.0.1:5002/ifttt/v1/user/info"], seen.Select(u => u.ToString()));
    }

    private sealed class Recorder(List<Uri> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
