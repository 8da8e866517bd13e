using AdminPortal.Features.Secrets;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Secrets;

public sealed class SecretStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServiceKey_NotConfigured_GeneratedOnceAndKeptAcrossRestarts()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        var first = await ReadAsync(directory, configured: null);
        var second = await ReadAsync(directory, configured: null);

        Assert.True(first.Length >= 40);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ServiceKey_RotatedThenRestarted_RotationSurvivesUnchangedConfiguration()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        string rotated;
        await using (var app = Start(directory, configured: "configured-key"))
        {
            var store = app.Services.GetRequiredService<ISecretStore>();
            Assert.Equal("configured-key", await store.GetAsync(SecretNames.ServiceKey, Ct));
            rotated = await store.RotateAsync(SecretNames.ServiceKey, Ct);
            Assert.Equal(rotated, await store.GetAsync(SecretNames.ServiceKey, Ct));
        }

        Assert.Equal(rotated, await ReadAsync(directory, configured: "configured-key"));
        Assert.Equal("changed-in-config", await ReadAsync(directory, configured: "changed-in-config"));
    }

    private static AdminPortalFactory Start(string directory, string? configured)
    {
        var app = AdminPortalFactory.OverDirectory(directory);
        app.Settings["Ifttt:ServiceKey"] = configured ?? "";
        _ = app.Server;
        return app;
    }

    private static async Task<string> ReadAsync(string directory, string? configured)
    {
        await using var app = Start(directory, configured);
        return await app.Services.GetRequiredService<ISecretStore>().GetAsync(SecretNames.ServiceKey, Ct);
    }
}
