using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Accounts;

/// <summary><c>Accounts</c> section: what end users may do on their own.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Whether the register page is open. On by default: end users create accounts to link IFTTT.</summary>
    public bool AllowRegistration { get; set; } = true;

    /// <summary>
    /// Whether end users may sign in with an email and password here. Off, the login page offers only
    /// "Continue with the product" (when a <c>Product</c> is configured); admins always keep password sign-in.
    /// </summary>
    public bool LocalSignIn { get; set; } = true;

    /// <summary>
    /// How often an open admin circuit and a sign-in cookie are checked against the account (security stamp, Admin role,
    /// an admin's lock). Sign-out, demotion, locking and deletion in this process are acted on at once anyway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Whether registering sends a link that creates the account (on) or creates it at once (off). On, the form gives
    /// the same answer for a taken address as for a new one, so it cannot be used to find out who has an account here;
    /// off, it says "already taken" (decision 0026). Needs working email (<c>Email:Smtp</c>) outside trials.
    /// </summary>
    public bool ConfirmRegistrationByEmail { get; set; } = true;

    /// <summary>How long a registration link works.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan RegistrationLinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Registering makes a local account, so it needs local sign-in too.</summary>
    public bool RegistrationOpen => AllowRegistration && LocalSignIn;
}

/// <summary><c>Admin</c> section: the first administrator, created when none exists.</summary>
public sealed class AdminBootstrapOptions
{
    public const string Section = "Admin";

    public string Email { get; set; } = "admin@localhost";

    /// <summary>Left empty, a strong password is generated and written once to the log.</summary>
    public string? Password { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
}

public static class Policies
{
    /// <summary>The admin area, the Hangfire dashboard and admin APIs.</summary>
    public const string Admin = "Admin";
}
