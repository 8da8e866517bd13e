using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth;

/// <summary>
/// Tokens minted by <see cref="AccessTokenIssuer"/> have no HTTP response to be written to; this
/// handler marks such token responses handled before the ASP.NET Core host tries to write one.
/// </summary>
internal sealed class MintedTokenResponseHandler : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public const string MarkerProperty = ".adminportal_minted";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<MintedTokenResponseHandler>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Transaction.Properties.ContainsKey(MarkerProperty))
        {
            context.HandleRequest();
        }
        return ValueTask.CompletedTask;
    }
}
