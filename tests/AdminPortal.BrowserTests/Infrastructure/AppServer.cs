using System.Net;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.OAuth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (127.0.0.1, a free port) for a browser: its own SQLite file, Hangfire in
/// memory, a known admin. Use as a class fixture; derive and add <see cref="Settings"/> in the constructor
/// for feature-specific configuration.
/// </summary>
public class AppServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@browser.test";
    public const string AdminPassword = "Admin-Passw0rd-1";

    public AppServer() : this(port: 0)
    {
    }

    /// <summary>On a chosen port, for a test that must name the app's address before it starts (0 = any free port).</summary>
    protected AppServer(int port)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "adminportal-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    /// <summary>A port nobody listens on right now (the OS's pick), for <see cref="AppServer(int)"/>.</summary>
    protected static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public string DataDirectory { get; }
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Like <c>http://127.0.0.1:41234</c>; set once the server has started.</summary>
    public string BaseUrl { get; private set; } = "";

    public virtual ValueTask InitializeAsync()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return ValueTask.CompletedTask;
    }

    /// <summary>A new end user linked to IFTTT: a real access token for them, issued for this server's address.</summary>
    public async Task<(string UserId, string Email, string Token)> CreateLinkedUserAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        var email = $"customer-{Guid.NewGuid():N}"[..17] + "@browser.test";
        var user = new AppUser { UserName = email, Email = email, ExternalId = "cust-browser", CreatedAt = DateTimeOffset.UtcNow };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user);
        Assert.True(created.Succeeded);
        var request = new DefaultHttpContext().Request;
        var address = new Uri(BaseUrl);
        request.Scheme = address.Scheme;
        request.Host = new HostString(address.Host, address.Port);
        var tokens = await scope.ServiceProvider.GetRequiredService<IAccessTokenIssuer>().IssueAsync(user.Id, request, ct);
        return (user.Id, email, tokens.AccessToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // MudBlazor's _content/ files are static web assets: without this they 404 outside Development.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:AdminPortal", $"Data Source={Path.Combine(DataDirectory, "adminportal.db")}");
        builder.UseSetting("Hangfire:Storage", "InMemory");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        // Mail goes to this test's own .eml outbox, never the repository's data/ folder.
        builder.UseSetting("Email:OutboxPath", Path.Combine(DataDirectory, "outbox"));
        // Every test client shares one address: generous failure limits keep the suites off the limiter (the rate-limit
        // tests set small ones in Settings, which win).
        foreach (var limit in (string[])["SignIn", "Registration", "Token", "ServiceKey", "IngestKey"])
        {
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "1000000");
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pool may still hold the file for a moment; a leftover temp folder is harmless.
        }
    }
}
