using System.Net;
using AdminPortal.Features.Dashboard.ServiceSettings;
using AdminPortal.Features.Secrets;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AdminPortal.IntegrationTests.Dashboard;

/// <summary>The Service page's commands against the running app: each takes effect without a restart.</summary>
public sealed class ServiceAdminTests : IAsyncLifetime
{
    private readonly IftttFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = _factory.CreateClient(); // start the host: migrations, OAuth client registration
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task GenerateClientSecret_OAuthClientAcceptsOnlyTheNewestSecret()
    {
        var first = await WithAdminAsync(admin => admin.GenerateAsync(SecretNames.ClientSecret, Ct));

        var second = await WithAdminAsync(admin => admin.GenerateAsync(SecretNames.ClientSecret, Ct));

        await using var scope = _factory.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = await applications.FindByClientIdAsync("ifttt", Ct);
        Assert.NotNull(client);
        Assert.NotEqual(first, second);
        Assert.False(await applications.ValidateClientSecretAsync(client, first, Ct));
        Assert.True(await applications.ValidateClientSecretAsync(client, second, Ct));
    }

    [Fact]
    public async Task MaintenanceSwitch_StatusAnswers503ThenRecovers()
    {
        var client = _factory.ServiceKeyClient();

        await WithAdminAsync(async admin => { await admin.SetMaintenanceAsync(true, "Upgrading", Ct); return 0; });
        var down = await client.GetAsync("/ifttt/v1/status", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("Upgrading", await down.Content.ReadAsStringAsync(Ct));

        await WithAdminAsync(async admin => { await admin.SetMaintenanceAsync(false, null, Ct); return 0; });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ifttt/v1/status", Ct)).StatusCode);
    }

    private async Task<T> WithAdminAsync<T>(Func<ServiceAdmin, Task<T>> action)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ServiceAdmin>());
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
