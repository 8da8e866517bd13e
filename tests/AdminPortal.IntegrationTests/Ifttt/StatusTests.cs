using System.Net;
using AdminPortal.Features.Availability;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Ifttt;

public sealed class StatusTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("IFTTT-Service-Key")]
    [InlineData("IFTTT-Channel-Key")]
    public async Task Status_RightKeyUnderEitherHeader_Returns200(string header)
    {
        var client = factory.IftttClient();
        client.DefaultRequestHeaders.Add(header, IftttFactory.ServiceKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ifttt/v1/status", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/ifttt/v1/status", null)]
    [InlineData("GET", "/ifttt/v1/status", "wrong-key")]
    [InlineData("POST", "/ifttt/v1/test/setup", null)]
    [InlineData("POST", "/ifttt/v1/test/setup", "wrong-key")]
    public async Task KeyedEndpoint_MissingOrWrongKey_Returns401WithErrors(string method, string path, string? key)
    {
        var client = factory.IftttClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("IFTTT-Service-Key", key);
        }
        await HttpAssert.ErrorAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Status_Maintenance_Returns503WithErrorsThenRecovers()
    {
        var client = factory.ServiceKeyClient();
        var state = factory.Services.GetRequiredService<ServiceStateStore>();
        try
        {
            await state.SetMaintenanceAsync(true, "Back at noon.", Ct);
            Assert.Equal("Back at noon.", await HttpAssert.ErrorAsync(await client.GetAsync("/ifttt/v1/status", Ct), HttpStatusCode.ServiceUnavailable));
        }
        finally
        {
            await state.SetMaintenanceAsync(false, null, Ct);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ifttt/v1/status", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/ifttt/v1/nothing/here")]
    [InlineData("GET", "/ifttt/v1/triggers/door_opened")]
    public async Task UnknownIftttPath_Returns404WithErrors(string method, string path)
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        await HttpAssert.ErrorAsync(await factory.IftttClient(token).SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesIngest()
    {
        var json = await HttpAssert.JsonAsync(await factory.CreateClient().GetAsync("/openapi/v1.json", Ct), HttpStatusCode.OK);
        Assert.True(json.GetProperty("paths").TryGetProperty("/api/v1/events", out var ingest));
        Assert.True(ingest.TryGetProperty("post", out _));
    }
}
