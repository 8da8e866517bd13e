using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Infrastructure;

public static class KestrelAddress
{
    /// <summary>Where a factory started with <c>UseKestrel</c> listens, like <c>http://127.0.0.1:41234</c>; starts it first.</summary>
    public static Uri Of(WebApplicationFactory<Program> factory) =>
        new(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
