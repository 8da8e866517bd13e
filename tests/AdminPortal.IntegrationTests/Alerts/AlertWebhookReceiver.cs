using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace AdminPortal.IntegrationTests.Alerts;

/// <summary>
/// An admin's webhook endpoint on real Kestrel at 127.0.0.1: verifies each request's Standard Webhooks signature with
/// the StandardWebhooks library (as a receiver would), records it, and answers with scripted statuses (200 after).
/// </summary>
public sealed class AlertWebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();
    private readonly ConcurrentQueue<Received> _received = new();

    private AlertWebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public IReadOnlyList<Received> Calls => [.. _received];

    /// <param name="SignatureValid">Whether <see cref="StandardWebhook.Verify"/> accepted the body and headers.</param>
    public sealed record Received(string? Id, string Body, bool SignatureValid, int AnsweredStatus);

    public static async Task<AlertWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new AlertWebhookReceiver(builder.Build());
        receiver._app.MapPost("/hooks/alerts", receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks/alerts";
        return receiver;
    }

    /// <summary>The next calls are answered with these statuses, in order.</summary>
    public void Respond(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(status);
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        bool valid;
        try
        {
            new StandardWebhook(Secret).Verify(body, http.Request.Headers);
            valid = true;
        }
        catch (WebhookVerificationException)
        {
            valid = false;
        }
        var status = _script.TryDequeue(out var scripted) ? scripted : 200;
        _received.Enqueue(new Received(http.Request.Headers["webhook-id"].ToString(), body, valid, status));
        http.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
