using AdminPortal.Shared;
using AdminPortal.Data;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.Features.Accounts.Registration;
using AdminPortal.Features.Accounts.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Accounts;

public static class AccountsExtensions
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateKeysOnStart(AccountOptions.Section);
        builder.Services.AddOptions<AdminBootstrapOptions>().BindConfiguration(AdminBootstrapOptions.Section).ValidateKeysOnStart(AdminBootstrapOptions.Section);

        builder.Services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                // Lock an account for 15 minutes after 5 wrong passwords in a row. Such a lock refuses interactive
                // sign-in only; IFTTT's tokens keep working (AccountLocks, decision 0016).
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "AdminPortal.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = SessionCookieCheck.Wrap(cookie.Events.OnValidatePrincipal);
        });
        builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountOptions>>((stamps, accounts) =>
            stamps.ValidationInterval = accounts.Value.SessionRevalidationInterval);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));

        builder.Services.AddCascadingAuthenticationState();
        // Registered before AddRazorComponents, whose TryAdd then keeps it: circuits revalidate their user (decision 0016).
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAccountStateProvider>();
        builder.Services.AddSingleton<AccountAccessChanges>();
        builder.Services.AddSingleton<IStartupTask, AdminBootstrapper>();
        builder.Services.AddSingleton<AdminAccounts>();
        builder.Services.AddSingleton<UserDeleter>();
        builder.Services.AddSingleton<UnknownAccountLockout>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddSingleton<RegistrationLinks>();
        builder.Services.AddSingleton<RegistrationEmails>();
        builder.Services.AddScoped<SelfRegistration>();
        return builder;
    }
}
