using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AdminPortal.IntegrationTests.Telemetry;

/// <summary>A stand-in OpenTelemetry collector: OTLP/HTTP on a free loopback port, keeping what each request carried.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    public sealed record Received(string Path, string? ContentType, int Bytes);

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First()); // the port Kestrel bound

    public IReadOnlyCollection<Received> Requests => _received;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.Run(async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver._received.Enqueue(new Received(http.Request.Path, http.Request.ContentType, (int)body.Length));
            http.Response.StatusCode = StatusCodes.Status200OK; // an empty Export*ServiceResponse
        });
        await receiver._app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
