using AcmeHome.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AcmeHome.Identity;

public static class IdentityExtensions
{
    public static void AddAcmeIdentity(this WebApplicationBuilder builder)
    {
        var lifetime = builder.Configuration.GetValue("Tokens:AccessTokenLifetime", TimeSpan.FromMinutes(10));

        builder.Services.AddAuthentication(AcmeScopes.LoginScheme)
            .AddCookie(AcmeScopes.LoginScheme, o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "acme.login";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "acme.af");
        builder.Services.AddScoped<ClientRegistration>();

        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<AcmeDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                // PKCE on every authorization request, S256 only (plain is not offered).
                o.RequireProofKeyForCodeExchange();
                o.Configure(options =>
                {
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, AcmeScopes.Api);
                o.SetAccessTokenLifetime(lifetime);
                // Keys live only as long as the process: a restart invalidates every token, like a product
                // rotating its keys (AdminPortal then sees refreshes refused).
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // Plain JWT access tokens, so a client may read them (the API validates them itself anyway).
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // The sample serves plain http on 127.0.0.1; a real product never does this.
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                // The API validates access tokens with the server's own keys, in process.
                o.UseLocalServer();
                // Look each access token up in the token table, so revoking a user's tokens cuts the API off too.
                o.EnableTokenEntryValidation();
                o.UseAspNetCore();
            });
    }

    public static void MapAcmeIdentity(this WebApplication app)
    {
        app.MapLogin();
        app.MapConnect();
    }
}
