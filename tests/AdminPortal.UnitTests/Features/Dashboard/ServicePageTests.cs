using AdminPortal.Features.Dashboard.ServiceSettings;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Secrets;
using Bunit;
using AdminPortal.Features.Ingest;
using Microsoft.Extensions.Configuration;
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
    public async Task ServicePage_KeyPasted_StoredEncryptedAndThePageSaysItComesFromTheDatabase()
    {
        await MigrateAsync();
        var page = RenderInCircuit<ServicePage>();
        Assert.Contains("Not set", Source(page, SecretNames.ServiceKey));

        await page.Find(ServiceKeyInput).ChangeAsync(new() { Value = "  key-from-ifttt-0123456789abcdef " });
        await page.Find("[data-testid=service-key-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("From the database", Source(page, SecretNames.ServiceKey)));
        Assert.Equal("key-from-ifttt-0123456789abcdef", await Services.GetRequiredService<ISecretStore>().GetAsync(SecretNames.ServiceKey, Ct));
        Assert.Contains("Replace with the new key from IFTTT", page.Find("[data-testid=service-key-save]").TextContent);
        Assert.DoesNotContain("key-from-ifttt", page.Markup); // shown only on Reveal

        await page.Find($"[data-testid=secret-reveal-{SecretNames.ServiceKey}]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("key-from-ifttt-0123456789abcdef", page.Find($"[data-testid=secret-value-{SecretNames.ServiceKey}]").TextContent));
    }

    [Fact]
    public async Task ServicePage_PastedTextNotAKey_SaysWhyAndStoresNothing()
    {
        await MigrateAsync();
        var page = RenderInCircuit<ServicePage>();

        await page.Find(ServiceKeyInput).ChangeAsync(new() { Value = "short" });
        await page.Find("[data-testid=service-key-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Copy it again from IFTTT's platform", page.Markup));
        Assert.Null(await Services.GetRequiredService<ISecretStore>().GetAsync(SecretNames.ServiceKey, Ct));
    }

    [Fact]
    public async Task ServicePage_KeysInConfiguration_ReadOnlyAndSayHowToChangeThem()
    {
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ifttt:ServiceKey"] = "configured-key-0123456789", ["Ifttt:ClientSecret"] = "configured-secret-0123456789",
        }).Build());
        Services.Configure<IngestOptions>(o => o.ApiKeys = ["configured-ingest-key"]);
        await MigrateAsync();

        var page = RenderInCircuit<ServicePage>();

        Assert.Contains("From configuration (Ifttt:ServiceKey)", Source(page, SecretNames.ServiceKey));
        Assert.Contains("Ifttt__ServiceKey", Source(page, SecretNames.ServiceKey));
        Assert.Contains("From configuration (Ifttt:ClientSecret)", Source(page, SecretNames.ClientSecret));
        Assert.Contains("1 key from configuration (Ingest:ApiKeys), which can't be replaced here", Source(page, SecretNames.IngestApiKey));
        Assert.Empty(page.FindAll("[data-testid=service-key-input]"));
        Assert.Empty(page.FindAll($"[data-testid=secret-generate-{SecretNames.ClientSecret}]"));
        // The stored ingest key is ours to generate even beside configured ones.
        Assert.NotNull(page.Find($"[data-testid=secret-generate-{SecretNames.IngestApiKey}]"));
    }

    [Fact]
    public async Task ServicePage_GenerateIngestKey_ShownOnceAndOnlyItsHashKept()
    {
        await MigrateAsync();
        var page = RenderInCircuit<ServicePage>();

        await page.Find($"[data-testid=secret-generate-{SecretNames.IngestApiKey}]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=secret-once-{SecretNames.IngestApiKey}]")));
        var shown = page.Find($"[data-testid=secret-value-{SecretNames.IngestApiKey}]").TextContent;
        Assert.True(await Services.GetRequiredService<ISecretStore>().MatchesAsync(SecretNames.IngestApiKey, shown, Ct));
        Assert.Contains("stored as a hash", Source(page, SecretNames.IngestApiKey));

        var reopened = RenderInCircuit<ServicePage>();
        Assert.DoesNotContain(shown, reopened.Markup);
    }

    private const string ServiceKeyInput = "input[data-testid=service-key-input], [data-testid=service-key-input] input";

    /// <summary>The source line as a reader sees it: the markup's line breaks are single spaces.</summary>
    private static string Source(IRenderedComponent<ServicePage> page, string name) =>
        System.Text.RegularExpressions.Regex.Replace(page.Find($"[data-testid=secret-source-{name}]").TextContent, @"\s+", " ");

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
