using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdminPortal.IntegrationTests.Connectors;

/// <summary>
/// A real port at 127.0.0.1 for a product's outgoing webhooks, passing each request's exact body and its
/// <c>webhook-*</c> and <c>Content-Type</c> headers to the in-process app, and its answer back (so the product's
/// retry logic sees what AdminPortal said).
/// </summary>
public sealed class WebhookRelay : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();

    private WebhookRelay(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public IReadOnlyCollection<int> Statuses => _statuses;

    public static async Task<WebhookRelay> StartAsync(HttpClient target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var relay = new WebhookRelay(builder.Build());
        relay._app.MapPost("/{**path}", async (HttpContext http, string path) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            using var forward = new HttpRequestMessage(HttpMethod.Post, "/" + path) { Content = new ByteArrayContent(body.ToArray()) };
            forward.Content.Headers.TryAddWithoutValidation("Content-Type", http.Request.ContentType);
            foreach (var header in http.Request.Headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase)))
            {
                forward.Headers.TryAddWithoutValidation(header.Key, header.Value.ToString());
            }
            using var answer = await target.SendAsync(forward);
            relay._statuses.Enqueue((int)answer.StatusCode);
            http.Response.StatusCode = (int)answer.StatusCode;
            await http.Response.WriteAsync(await answer.Content.ReadAsStringAsync());
        });
        await relay._app.StartAsync();
        relay.BaseUrl = relay._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
