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
    public async Task RotateServiceKey_OldKeyRejectedNewKeyAccepted()
    {
        var before = _factory.ServiceKeyClient();
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/ifttt/v1/status", Ct)).StatusCode);

        var rotated = await WithAdminAsync(admin => admin.RotateAsync(SecretNames.ServiceKey, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/ifttt/v1/status", Ct)).StatusCode);
        var after = _factory.IftttClient();
        after.DefaultRequestHeaders.Add("IFTTT-Service-Key", rotated);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/ifttt/v1/status", Ct)).StatusCode);
    }

    [Fact]
    public async Task RotateClientSecret_OAuthClientAcceptsOnlyTheNewSecret()
    {
        var old = await WithAdminAsync(admin => admin.RevealAsync(SecretNames.ClientSecret, Ct).AsTask());

        var rotated = await WithAdminAsync(admin => admin.RotateAsync(SecretNames.ClientSecret, Ct));

        await using var scope = _factory.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = await applications.FindByClientIdAsync("ifttt", Ct);
        Assert.NotNull(client);
        Assert.False(await applications.ValidateClientSecretAsync(client, old, Ct));
        Assert.True(await applications.ValidateClientSecretAsync(client, rotated, Ct));
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
