using AdminPortal.Features.Preflight;
using AdminPortal.Features.Service;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Preflight;

/// <summary>The demo service on real Kestrel, optionally with one answer broken, and the preflight aimed at it.</summary>
public sealed class PreflightFactory : KestrelIftttFactory
{
    public AnswerRewriter? Broken { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Broken is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Broken));
        }
    }

    public PreflightTarget Target(PreflightAuth? auth = null, Uri? realtime = null) => new(ServerAddress, ServiceKey, auth, realtime);

    public Task<IReadOnlyList<PreflightResult>> RunAsync(PreflightTarget? target = null) =>
        new PreflightRunner(Services.GetRequiredService<DeclaredService>()).RunAsync(target ?? Target(), TestContext.Current.CancellationToken);
}
