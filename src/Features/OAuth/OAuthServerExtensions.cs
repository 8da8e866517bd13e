using AdminPortal.Data;
using OpenIddict.Abstractions;

namespace AdminPortal.Features.OAuth;

public static class OAuthServerExtensions
{
    public const string AuthorizeEndpoint = "connect/authorize";
    public const string TokenEndpoint = "connect/token";
    public const string RevokeEndpoint = "connect/revoke";
    public const string IftttScope = "ifttt";

    /// <summary>
    /// The OAuth2 server IFTTT links accounts through (OpenIddict over the app's database),
    /// and token validation for the IFTTT API.
    /// </summary>
    public static IHostApplicationBuilder AddOAuthServer(this IHostApplicationBuilder builder)
    {
        var certificates = OAuthCertificates.Load(builder.Configuration, builder.Environment);

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AppDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizeEndpoint)
                    .SetTokenEndpointUris(TokenEndpoint)
                    .SetRevocationEndpointUris(RevokeEndpoint);

                // IFTTT speaks the authorization-code flow and refreshes when it gets a 401.
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                server.RegisterScopes(IftttScope, OpenIddictConstants.Scopes.OfflineAccess);

                certificates.Apply(server);
                server.AddEventHandler(MintedTokenResponseHandler.Descriptor);

                var aspNetCore = server.UseAspNetCore()
                    // Our own minimal-API handlers decide who gets a code and what goes in the token.
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (builder.Environment.IsDevelopment())
                {
                    // `dotnet run` serves plain http on localhost; production must terminate TLS.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                // Access tokens are validated in-process against the server's own keys and token store.
                validation.UseLocalServer();
                // Check the token and authorization entries on every call, so a disconnect or revoke bites at once.
                validation.EnableTokenEntryValidation();
                validation.EnableAuthorizationEntryValidation();
                validation.UseAspNetCore();
            });

        builder.Services.AddOptions<IftttClientOptions>().BindConfiguration(IftttClientOptions.Section);
        builder.Services.AddScoped<IftttPrincipalFactory>();
        builder.Services.AddScoped<IAccessTokenIssuer, AccessTokenIssuer>();
        builder.Services.AddSingleton<IStartupTask, IftttClientRegistrar>();
        return builder;
    }
}
