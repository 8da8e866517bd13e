using AdminPortal.Features.Dashboard.ServiceSettings;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Secrets;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class ServicePageTests : DashboardTestContext
{
    [Fact]
    public async Task ServicePage_Rendered_ShowsPlatformValuesAndDeclaration()
    {
        await MigrateAsync();

        var page = RenderInCircuit<ServicePage>();

        // IFTTT appends /ifttt/v1 itself: the prefix to paste is the origin alone.
        Assert.Equal("https://localhost", page.Find("[data-testid=platform-api-url]").TextContent);
        Assert.Equal("Copy API URL prefix", page.Find("[data-testid=copy-api-url]").GetAttribute("aria-label"));
        Assert.Equal("https://localhost/connect/authorize", page.Find("[data-testid=platform-authorize-url]").TextContent);
        Assert.Equal("ifttt", page.Find("[data-testid=platform-client-id]").TextContent);
        Assert.Contains("Which door", page.Find("[data-testid=declared-trigger-door_opened]").TextContent);
        Assert.Contains("opened_at: datetime", page.Find("[data-testid=declared-trigger-door_opened]").TextContent);
        Assert.NotNull(page.Find("[data-testid=declared-action-add_log_entry]"));
    }

    [Fact]
    public async Task ServicePage_Reveal_ShowsTheStoredSecret()
    {
        await MigrateAsync();
        var key = await Services.GetRequiredService<ISecretStore>().GetAsync(SecretNames.IngestApiKey, Ct);
        var page = RenderInCircuit<ServicePage>();
        Assert.DoesNotContain(key, page.Markup);

        await page.Find($"[data-testid=secret-reveal-{SecretNames.IngestApiKey}]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(key, page.Find($"[data-testid=secret-value-{SecretNames.IngestApiKey}]").TextContent));
    }

    [Fact]
    public async Task ServicePage_MaintenanceSwitch_TurnsMaintenanceOn()
    {
        await MigrateAsync();
        var page = RenderInCircuit<ServicePage>();

        await page.Find("[data-testid=maintenance-switch] input, input[data-testid=maintenance-switch]").ChangeAsync(new() { Value = true });

        page.WaitForAssertion(() => Assert.True(Services.GetRequiredService<ServiceStateStore>().Current.Maintenance));
        Assert.Contains("In maintenance", page.Markup);
    }
}
