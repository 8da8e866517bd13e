using System.Diagnostics;
using System.Net;
using AdminPortal.Features.Telemetry;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.ProductApi;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AdminPortal.IntegrationTests.Telemetry;

/// <summary>OTLP is wired exactly when <c>OpenTelemetry:Endpoint</c> is set, and then traces and metrics reach the collector.</summary>
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EndpointSet_TracesAndMetricsArriveAsOtlpHttpProtobuf()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var app = new IftttFactory();
        app.Settings["OpenTelemetry:Endpoint"] = collector.BaseUrl.ToString();
        var (_, token) = await app.CreateLinkedUserAsync();

        var poll = await app.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json("""{"triggerFields":{"door":"front"}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        await app.DisposeAsync(); // stopping flushes both exporters

        var requests = await IftttFactory.EventuallyAsync(() => Task.FromResult(collector.Requests),
            received => received.Any(r => r.Path == "/v1/traces") && received.Any(r => r.Path == "/v1/metrics"));
        Assert.Contains(requests, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf" && r.Bytes > 0);
        Assert.Contains(requests, r => r.Path == "/v1/metrics" && r.ContentType == "application/x-protobuf" && r.Bytes > 0);
        Assert.DoesNotContain(requests, r => r.Path == "/v1/logs"); // logs stay with the app's own logging
    }

    /// <summary>Without an endpoint there is no tracer at all; without any exporter the SDK is not even wired in.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoEndpoint_NoTracing_AndMetricsOnlyForPrometheus(bool prometheus)
    {
        await using var app = prometheus ? new PrometheusFactory() : new IftttFactory();
        _ = app.Server;

        Assert.Equal(prometheus, app.Services.GetService<MeterProvider>() is not null);
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    /// <summary>
    /// One IFTTT action request, one trace: the server span, the app's action span, the HTTP call to the product and the
    /// EF Core commands beneath — and the product call counted by purpose and outcome.
    /// </summary>
    [Fact]
    public async Task ActionCallingTheProduct_OneTraceLinksRequestProductCallAndDatabase()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var spans = new List<Activity>();
        await using var factory = new ProductApiFactory();
        factory.Settings["OpenTelemetry:Endpoint"] = collector.BaseUrl.ToString();
        factory.TestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        var (_, token, _) = await factory.CreateProductUserAsync("alice");
        using var recorder = new AppMeterRecorder(factory.Services);
        var message = new HttpRequestMessage(HttpMethod.Post, "/ifttt/v1/actions/turn_on_lights")
        {
            Content = IftttFactory.Json("""{"actionFields":{"room":"kitchen"},"user":{"timezone":"UTC"}}"""),
        };
        message.Headers.Add("X-Request-ID", Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, (await factory.IftttClient(token).SendAsync(message, Ct)).StatusCode);

        var server = await IftttFactory.EventuallyAsync(() => Task.FromResult(Snapshot(spans).FirstOrDefault(s =>
            s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/ifttt/v1/actions/turn_on_lights")), s => s is not null);
        Assert.NotNull(server);
        var trace = Snapshot(spans).Where(s => s.TraceId == server.TraceId).ToList();
        var action = Assert.Single(trace, s => s.Source.Name == AppTelemetry.ActivitySourceName && s.OperationName == "ifttt.action");
        Assert.Equal("turn_on_lights", action.GetTagItem("adminportal.action"));
        var productCall = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http");
        Assert.Equal(factory.Product.BaseUrl.Port, productCall.GetTagItem("server.port"));
        Assert.True(IsBelow(productCall, action), "the product call is a child of the action span");
        Assert.Contains(trace, s => s.Source.Name.Contains("EntityFrameworkCore") && s.ParentSpanId != default);
        Assert.Equal(1, recorder.Sum("adminportal.product.calls", ("purpose", "action"), ("outcome", "success")));
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static bool IsBelow(Activity span, Activity ancestor)
    {
        for (var parent = span.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return span.ParentSpanId == ancestor.SpanId;
    }
}
