using AdminPortal.Features.Accounts;
using AdminPortal.Features.Preflight;
using AdminPortal.Features.Service;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Preflight;

/// <summary>The demo service on real Kestrel, optionally with one answer broken, and the preflight aimed at it.</summary>
public sealed class PreflightFactory : KestrelIftttFactory
{
    /// <summary>Skipped on the demo service whatever the target: no Realtime URL given, and add_log_entry has no SKIP sample.</summary>
    public static readonly string[] AlwaysSkipped =
        ["realtime: a nudge is accepted", "actions/add_log_entry: the SKIP sample answers 400 with errors[0].status SKIP"];

    public const string ClientSecret = "preflight-client-secret-0123456789";
    public const string UserPassword = "Preflight-Passw0rd-1";

    public PreflightFactory() => Settings["Ifttt:ClientSecret"] = ClientSecret;

    public AnswerRewriter? Broken { get; init; }

    /// <summary>A user who signs in through the login form, and the credentials IFTTT holds, for the authentication tests.</summary>
    public async Task<PreflightAuth> TestUserAuthAsync()
    {
        _ = ServerAddress;
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"preflight-{Guid.NewGuid():N}@test.local";
        var created = await users.CreateAsync(new AppUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow }, UserPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return new PreflightAuth("ifttt", ClientSecret, "https://ifttt.com/channels/demo_home/authorize", email, UserPassword);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Broken is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Broken));
        }
    }

    public PreflightTarget Target(PreflightAuth? auth = null, Uri? realtime = null) => new(ServerAddress, ServiceKey, auth, realtime);

    public Task<IReadOnlyList<PreflightResult>> RunAsync(PreflightTarget? target = null) =>
        new PreflightRunner(Services.GetRequiredService<DeclaredService>()).RunAsync(target ?? Target(), TestContext.Current.CancellationToken);
}
