using AdminPortal.IntegrationTests.Infrastructure;

namespace AcmeHome.Tests;

/// <summary>One running sample product per test class (starting one costs seconds on a busy machine).</summary>
public class AcmeHomeFixture : IAsyncLifetime
{
    public AcmeHomeServer Server { get; private set; } = null!;

    protected virtual AcmeHomeOptions Options => new();

    public async ValueTask InitializeAsync() => Server = await AcmeHomeServer.StartAsync(Options);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
