using AdminPortal.Shared;
using AdminPortal.Features.OAuth.Sunset;
using AdminPortal.Features.Sunset;
using AdminPortal.Features.Telemetry;
using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.Features.OAuth.Authorize;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.OAuth.Token;
using AdminPortal.Features.OAuth.Validation;
using Microsoft.EntityFrameworkCore;
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
        var lifetimes = OAuthOptions.Read(builder.Configuration);
        var issuer = OAuthIssuer.Read(builder.Configuration, builder.Environment);

        builder.Services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<AppDbContext>();
                // Verifies IFTTT's client secret once, not on every refresh (decision 0032).
                core.ReplaceApplicationManager(typeof(RememberingApplicationManager<>));
            })
            .AddServer(server =>
            {
                if (issuer is not null)
                {
                    // Discovery and tokens never follow the Host header (decision 0019).
                    server.SetIssuer(issuer).AddEventHandler(DiscoveryAtIssuer.Descriptor);
                }
                server.SetAuthorizationEndpointUris(AuthorizeEndpoint)
                    .SetTokenEndpointUris(TokenEndpoint)
                    .SetRevocationEndpointUris(RevokeEndpoint);

                // IFTTT speaks the authorization-code flow and refreshes when it gets a 401.
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                server.RegisterScopes(IftttScope, OpenIddictConstants.Scopes.OfflineAccess);
                // PKCE stays optional (IFTTT sends none), but a client that uses it must use S256: `plain` puts the
                // verifier itself in the front channel, which is what PKCE exists to keep out of it (decision 0018).
                // Runs after AllowAuthorizationCodeFlow's own Configure, which adds plain and S256.
                server.Configure(options =>
                {
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(OpenIddictConstants.CodeChallengeMethods.Sha256);
                });

                server.SetAccessTokenLifetime(lifetimes.AccessTokenLifetime)
                    .SetAuthorizationCodeLifetime(lifetimes.AuthorizationCodeLifetime)
                    // IFTTT forbids refresh tokens that expire on a timer (OpenIddict's default is 14 days).
                    .SetRefreshTokenLifetime(null)
                    // A refresh issues a new refresh token; a reuse of the previous one this long after gets the same successor,
                    // a later one revokes the link (docs/decisions/0003, 0017).
                    .SetRefreshTokenReuseLeeway(lifetimes.RefreshTokenGrace);
                // OpenIddict's clock is the TimeProvider service (tests move a FakeTimeProvider).

                certificates.Apply(server);
                // Access tokens are signed, not encrypted: they carry only ids (no personal data), TLS protects them in
                // transit, and validation then verifies a signature instead of RSA-decrypting (docs/decisions/0007).
                server.DisableAccessTokenEncryption();
                server.AddEventHandler(MintedTokenResponseHandler.Descriptor)
                    .AddEventHandler(AuthorizeErrorPage.Descriptor)
                    .AddEventHandler(RefreshTokenLockHandler.Descriptor)
                    .AddEventHandler(RefreshTokenReuseHandler.Descriptor)
                    .AddEventHandler(RefreshSuccessorHandlers.ReuseRecorded.Descriptor)
                    .AddEventHandler(RefreshSuccessorHandlers.RecordMinted.Descriptor)
                    .AddEventHandler(GrantSubjectHandler.Descriptor)
                    .AddEventHandler(InheritedExpiryHandler.Descriptor)
                    .AddEventHandler(TokenResponseObserver.Descriptor)
                    .AddEventHandler(TokenFailureThrottleHandler.Descriptor);

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
                validation.AddEventHandler(AccessTokenObservationHandler.Descriptor)
                    .AddEventHandler(AccessTokenUseHandler.Descriptor);
            });

        builder.Services.AddOptions<IftttClientOptions>().BindConfiguration(IftttClientOptions.Section).ValidateKeysOnStart(IftttClientOptions.Section)
            // One slug for the service: the redirect URI follows the declared Service:Slug unless set apart.
            .PostConfigure<IConfiguration>((client, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(client.ServiceSlug))
                {
                    client.ServiceSlug = configuration["Service:Slug"] is { Length: > 0 } slug ? slug : "adminportal";
                }
            });
        builder.Services.AddSingleton<VerifiedClientSecrets>();
        builder.Services.AddScoped<IftttPrincipalFactory>();
        // On PostgreSQL the lock is the database's too, so parallel refreshes sent to different instances take turns (0028).
        builder.Services.AddSingleton(services => new RefreshTokenLocks(services.GetService<PostgresDatabase>()));
        builder.Services.AddScoped<IAccessTokenIssuer, AccessTokenIssuer>();
        builder.Services.AddScoped<MintedTokenTrimmer>();
        builder.Services.AddScoped<IftttClientService>();
        builder.Services.AddScoped<IftttLinks>();
        builder.Services.AddScoped<ConnectionsService>();
        builder.Services.AddScoped<IUserDataEraser, OAuthUserEraser>();
        builder.Services.AddSingleton<ConnectionUsageRecorder>();
        builder.Services.AddSingleton<ConnectionUsageWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ConnectionUsageWriter>());
        // Validated bearer tokens are remembered briefly; every token/authorization write made through the app's
        // database context forgets the affected ones at once (docs/decisions/0007).
        builder.Services.AddSingleton<AccessTokenCache>();
        builder.Services.AddSingleton<AccessTokenCacheInvalidation>();
        builder.Services.ConfigureDbContext<AppDbContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<AccessTokenCacheInvalidation>().Interceptors));
        builder.Services.AddSingleton<BearerAuthenticator>();
        builder.Services.AddScoped<TokenHealthRecorder>();
        builder.Services.AddSingleton<TokenCheckWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TokenCheckWriter>());
        builder.Services.AddScoped<TokenHealthService>();
        builder.Services.AddSingleton<IStateGauge, TokenHealthGauge>();
        builder.Services.AddScoped<TokenHealthJob>();
        builder.Services.AddSingleton<IStartupTask, IftttClientRegistrar>();
        // OAuth's part of the sunset: who is connected (the notices' recipients) and revoking every grant at T-0.
        builder.Services.AddSingleton<IConnectedUsers, ConnectedUsers>();
        builder.Services.AddScoped<ISunsetStep, RevokeIftttAccessStep>();
        // The user's /Account page lists linked apps with a Disconnect button.
        builder.Services.AddAccountPageSection<ConnectedServices>();
        return builder;
    }

    /// <summary>The passthrough endpoints of the authorization-code flow.</summary>
    public static WebApplication MapOAuth(this WebApplication app)
    {
        app.MapMethods("/" + AuthorizeEndpoint, [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpointHandler.AuthorizeAsync)
            .DisableAntiforgery(); // validated explicitly on the consent decision, which is the only form post here
        app.MapPost("/" + TokenEndpoint, TokenEndpointHandler.ExchangeAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// The token-health observer around IFTTT's user endpoints: a middleware, so it sees their final status without
    /// touching their code. Installed with the other middleware in Program.cs, ahead of the endpoints.
    /// </summary>
    public static WebApplication UseIftttTokenHealth(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(IftttTokenObserver.PathPrefix),
            branch => branch.UseMiddleware<IftttTokenObserver>());
        return app;
    }
}
