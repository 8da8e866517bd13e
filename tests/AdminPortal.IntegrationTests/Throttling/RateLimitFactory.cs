using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Throttling;

/// <summary>The OAuth test app plus IFTTT's service key and an ingest key, with small failure limits and per-request client addresses.</summary>
public sealed class RateLimitFactory : OAuthFactory
{
    public const int Limit = 5;
    public const string ServiceKey = IftttFactory.ServiceKey;
    public const string IngestKey = IftttFactory.IngestKey;

    public RateLimitFactory()
    {
        Settings["Ifttt:ServiceKey"] = ServiceKey;
        Settings["Ingest:ApiKeys:0"] = IngestKey;
        foreach (var limit in (string[])["SignIn", "Registration", "Token", "ServiceKey", "IngestKey"])
        {
            Settings[$"RateLimits:{limit}:PermitLimit"] = Limit.ToString();
            Settings[$"RateLimits:{limit}:Window"] = "00:10:00";
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressStartupFilter>());
    }

    /// <summary>A client whose requests come from <paramref name="address"/>; cookies kept, redirects not followed.</summary>
    public HttpClient ClientFrom(string address) => ClientAddressStartupFilter.From(CreateBrowserLikeClient(), address);
}
