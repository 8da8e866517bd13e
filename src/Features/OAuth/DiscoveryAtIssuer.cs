using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// With <c>OAuth:Issuer</c> set, the discovery document's endpoints are under the issuer too. OpenIddict names the
/// configured issuer but builds the endpoint URLs from the request's own address, so a request for
/// <c>Host: evil.example</c> would still get <c>https://evil.example/connect/authorize</c> back (decision 0019).
/// </summary>
internal sealed class DiscoveryAtIssuer : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<DiscoveryAtIssuer>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        // Only this discovery request's base: the endpoints resolve against it, nothing else reads it afterwards.
        context.BaseUri = context.Options.Issuer ?? context.BaseUri;
        return ValueTask.CompletedTask;
    }
}
