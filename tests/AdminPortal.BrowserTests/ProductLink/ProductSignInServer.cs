using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.BrowserTests.ProductLink;

/// <summary>
/// The README's two processes in one test: Acme Home on its own Kestrel port and AdminPortal on another, both on
/// 127.0.0.1 (so their cookies share a host, as they do in the walk-through), AdminPortal signing users in through
/// the product's OpenID Connect provider. The app's port is chosen first: the product must know its callback URL.
/// </summary>
public sealed class ProductSignInServer : AppServer
{
    private static readonly string[] Scopes = ["openid", "profile", "email", "offline_access", "acme.api"];
    private readonly int _port;

    public ProductSignInServer() : this(FreePort())
    {
    }

    private ProductSignInServer(int port) : base(port) => _port = port;

    public AcmeHomeServer Acme { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Acme = await AcmeHomeServer.StartAsync(new AcmeHomeOptions { RedirectUris = [$"http://127.0.0.1:{_port}/signin-product"] });
        // Warm: a cold sample's first answers take seconds on a loaded machine, longer than AdminPortal waits for a product.
        using (var client = Acme.CreateClient())
        {
            client.Timeout = TimeSpan.FromSeconds(60);
            (await client.GetAsync(".well-known/openid-configuration")).EnsureSuccessStatusCode();
            (await client.GetAsync(".well-known/jwks")).EnsureSuccessStatusCode();
        }
        var acme = Acme.BaseUrl.ToString();
        Settings["Product:Name"] = "Acme Home";
        Settings["Product:ApiBaseUrl"] = acme;
        Settings["Product:AccountUrl"] = acme + "account";
        Settings["Product:SignIn:Authority"] = acme;
        Settings["Product:SignIn:ClientId"] = AcmeHomeServer.ClientId;
        Settings["Product:SignIn:ClientSecret"] = AcmeHomeServer.ClientSecret;
        for (var i = 0; i < Scopes.Length; i++)
        {
            Settings[$"Product:SignIn:Scopes:{i}"] = Scopes[i];
        }
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Acme is not null)
        {
            await Acme.DisposeAsync();
        }
    }
}
