using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// Rotation without forks: the refresh token a refresh mints is recorded on the token it replaced (encrypted
/// with Data Protection, in the token row's properties), and a reuse of that token inside the grace window is
/// answered with the same successor instead of a new one. IFTTT's lost-answer retry thus gets exactly what the
/// lost answer held, and any number of parallel or repeated exchanges of one token leave one live chain.
/// The access token is new each time: it cannot be refreshed, so it cannot start a family.
/// </summary>
internal static class RefreshSuccessorHandlers
{
    private const string SuccessorProperty = "adminportal_successor";
    private const string SuccessorIdProperty = "adminportal_successor_id";
    private const string Purpose = "AdminPortal.OAuth.RefreshSuccessor";

    /// <summary>After OpenIddict decided which tokens to mint: hand back the recorded successor instead of a new one.</summary>
    public sealed class ReuseRecorded(IOpenIddictTokenManager tokens, IDataProtectionProvider protection, ILogger<ReuseRecorded> logger)
        : IOpenIddictServerHandler<ProcessSignInContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
                .UseScopedHandler<ReuseRecorded>()
                .SetOrder(OpenIddictServerHandlers.EvaluateGeneratedTokens.Descriptor.Order + 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            if (!context.GenerateRefreshToken || await PresentedTokenAsync(context, tokens) is not { } presented)
            {
                return;
            }
            var properties = await tokens.GetPropertiesAsync(presented);
            if (!properties.TryGetValue(SuccessorProperty, out var stored) || stored.GetString() is not { } protectedValue)
            {
                return; // first exchange: OpenIddict mints the successor and RecordMinted notes it
            }
            try
            {
                context.RefreshToken = protection.CreateProtector(Purpose).Unprotect(protectedValue);
                context.GenerateRefreshToken = false; // IncludeRefreshToken stays on: the response carries the recorded one
            }
            catch (CryptographicException ex)
            {
                // The key ring lost the key (keys not persisted): fall back to minting, which OpenIddict still allows.
                logger.LogWarning(ex, "The recorded successor of a refresh token could not be decrypted; minting a new one");
            }
        }
    }

    /// <summary>After OpenIddict minted the successor: record it on the token it replaces.</summary>
    public sealed class RecordMinted(IOpenIddictTokenManager tokens, IDataProtectionProvider protection, ILogger<RecordMinted> logger)
        : IOpenIddictServerHandler<ProcessSignInContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
                .UseScopedHandler<RecordMinted>()
                .SetOrder(OpenIddictServerHandlers.GenerateRefreshToken.Descriptor.Order + 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            if (!context.GenerateRefreshToken || context.RefreshToken is not { Length: > 0 } minted ||
                await PresentedTokenAsync(context, tokens) is not { } presented)
            {
                return;
            }
            var descriptor = new OpenIddictTokenDescriptor();
            await tokens.PopulateAsync(descriptor, presented);
            descriptor.Properties[SuccessorProperty] = JsonSerializer.SerializeToElement(protection.CreateProtector(Purpose).Protect(minted));
            if (context.RefreshTokenPrincipal?.GetTokenId() is { Length: > 0 } successorId)
            {
                descriptor.Properties[SuccessorIdProperty] = JsonSerializer.SerializeToElement(successorId);
            }
            try
            {
                await tokens.UpdateAsync(presented, descriptor);
            }
            catch (OpenIddictExceptions.ConcurrencyException ex)
            {
                // Only if the lock was bypassed (another process on the same database): the answer still stands.
                logger.LogWarning(ex, "Could not record the successor of a refresh token; a retry with it will mint another");
            }
        }
    }

    /// <summary>The stored entry of the refresh token this token request presented; null for any other request.</summary>
    private static async ValueTask<object?> PresentedTokenAsync(ProcessSignInContext context, IOpenIddictTokenManager tokens)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token || context.Request?.IsRefreshTokenGrantType() != true ||
            context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!) is not { } authentication ||
            authentication.RefreshTokenPrincipal?.GetTokenId() is not { Length: > 0 } id)
        {
            return null;
        }
        return await tokens.FindByIdAsync(id);
    }

}
