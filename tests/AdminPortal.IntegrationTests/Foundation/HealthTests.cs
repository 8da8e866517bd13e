using System.Net;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Foundation;

public sealed class HealthTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task Healthz_FreshDatabase_Returns200NamingEachCheck()
    {
        var response = await factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.True(checks.TryGetProperty("job_storage", out _));
    }
}
