using System.Net;
using AdminPortal.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Foundation;

public sealed class HealthFailureTests
{
    [Fact]
    public async Task Healthz_JobStorageGone_Returns503NamingTheCheck()
    {
        await using var factory = new AdminPortalFactory();
        var client = factory.CreateClient();
        // Take the real job storage away underneath the running app.
        ((IDisposable)factory.Services.GetRequiredService<JobStorage>()).Dispose();

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"job_storage\":{\"status\":\"Unhealthy\"", body);
    }
}
