using AdminPortal.Features.Accounts;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.IntegrationTests.OAuth;

/// <summary>The app with a known IFTTT client secret, a movable clock and the whoami probe.</summary>
public class OAuthFactory : AdminPortalFactory
{
    public const string ClientId = "ifttt";
    public const string ClientSecret = "test-client-secret-0123456789";
    public const string RedirectUri = "https://ifttt.com/channels/demo_home/authorize";
    public const string Password = "Passw0rd-Long-Enough";

    public OAuthFactory() : this(NewDataDirectory()) { }

    /// <summary>Over a data directory of the test's choosing (several installs side by side, e.g. before and after a move).</summary>
    protected OAuthFactory(string dataDirectory) : base(dataDirectory)
    {
        // Real "now", so OpenIddict's development certificates are in date; tests only ever move it forward.
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Settings["Ifttt:ClientSecret"] = ClientSecret;
    }

    /// <summary>Several factories over one directory share its database: instances of one install (decision 0028).</summary>
    public static new OAuthFactory OverDirectory(string dataDirectory) => new(dataDirectory);

    public FakeTimeProvider Time => Clock!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, WhoAmIStartupFilter>());
    }

    /// <summary>A new end user with a unique email; returns the user id.</summary>
    public async Task<(string Id, string Email)> CreateUserAsync(string prefix)
    {
        _ = Server; // starts the host: migrations and the IFTTT client registration
        var email = $"{prefix}-{Guid.NewGuid():N}@test.local";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, CreatedAt = Time.GetUtcNow() };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return (user.Id, email);
    }
}
