using System.Net;
using AdminPortal.Features.Email;
using AdminPortal.Shared;

namespace AdminPortal.Features.Accounts.Registration;

/// <summary>The two messages registration sends, each in text and HTML.</summary>
public sealed class RegistrationEmails(IConfiguration configuration)
{
    private string Name => ServiceBranding.Name(configuration);

    public EmailMessage Confirm(string address, string link, TimeSpan lifetime) => Build(address,
        $"Finish creating your {Name} account",
        $"Someone (we hope you) asked to create an account with {Name} for this address.",
        "Finish creating your account", link,
        $"The link works for {DescribeLifetime(lifetime)}. If you did not ask for an account, ignore this message: none is made until the link is used.");

    public EmailMessage AlreadyRegistered(string address, string signInLink) => Build(address,
        $"You already have an account with {Name}",
        $"Someone (we hope you) tried to create an account with {Name} for this address, but it already has one, so nothing changed.",
        "Sign in", signInLink,
        "If you forgot your password, ask an administrator for a reset link. If it was not you, you can ignore this message.");

    private static EmailMessage Build(string address, string subject, string intro, string action, string link, string outro) => new(
        address, null, subject,
        $"{intro}\n\n{action}: {link}\n\n{outro}",
        $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(action)}</a></p><p>{WebUtility.HtmlEncode(outro)}</p>");

    /// <summary>"24 hours", "90 minutes": the link's lifetime as the email and the register page both say it.</summary>
    public static string DescribeLifetime(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}" : $"{span.TotalMinutes:0} minutes";
}
