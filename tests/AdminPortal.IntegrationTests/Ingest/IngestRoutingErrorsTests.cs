using System.Net;
using System.Text;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Ingest;

/// <summary>Routing's own refusals on the ingest API answer in the API's errors shape, saying what to send instead.</summary>
public sealed class IngestRoutingErrorsTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WrongMethod_Is405WithAMessageNamingPost()
    {
        var client = factory.IftttClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", IftttFactory.IngestKey);

        var response = await client.GetAsync("/api/v1/events", Ct);

        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("GET is not allowed on /api/v1/events; use POST.", json.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task NotJson_Is415WithAMessageNamingTheContentType()
    {
        var client = factory.IftttClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", IftttFactory.IngestKey);

        var response = await client.PostAsync("/api/v1/events", new StringContent("door opened", Encoding.UTF8, "text/plain"), Ct);

        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Send the body as JSON, with Content-Type: application/json.", json.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
