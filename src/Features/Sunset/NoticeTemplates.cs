using System.Globalization;
using System.Net;
using AdminPortal.Features.Email;

namespace AdminPortal.Features.Sunset;

/// <summary>The notices' words, in plain text and HTML, with the service name, dates a person reads, and the admin's message.</summary>
public sealed class NoticeTemplates(IConfiguration configuration)
{
    private string ServiceName => configuration["Service:Name"] is { Length: > 0 } name ? name : "AdminPortal";

    /// <summary>"Thursday, 10 December 2026" — the date as people say it, in UTC.</summary>
    public static string InWords(DateTimeOffset at) => at.UtcDateTime.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);

    public EmailMessage PlatformNotice(SunsetPlan plan) => Build(plan.PlatformTeamEmail, null,
        $"{ServiceName} on IFTTT will be sunset on {InWords(plan.SunsetAt)}",
        $"Hello IFTTT platform team,",
        [
            $"we plan to sunset the IFTTT service \"{ServiceName}\" on {InWords(plan.SunsetAt)}.",
            $"Reason: {plan.Reason}",
            $"Connected users will be emailed on {InWords(plan.UserNoticeAt)} that their Applets will be archived.",
            plan.Revision > 1 ? $"This replaces our earlier notice (revision {plan.Revision})." : "",
        ]);

    public EmailMessage UserNotice(SunsetPlan plan, string email) => Build(email, null,
        $"{ServiceName} is leaving IFTTT on {InWords(plan.SunsetAt)}",
        "Hello,",
        [
            $"{ServiceName} will stop working with IFTTT on {InWords(plan.SunsetAt)}. On that day your Applets that use {ServiceName} will be archived by IFTTT.",
            plan.MessageToUsers,
        ]);

    public EmailMessage CancelledNotice(SunsetPlan plan, string email) => Build(email, null,
        $"{ServiceName} is staying on IFTTT",
        "Hello,",
        [
            $"We wrote earlier that {ServiceName} would leave IFTTT on {InWords(plan.SunsetAt)}. That plan is cancelled: your Applets keep working and you need not do anything.",
        ]);

    public EmailMessage ReconnectNotice(string message, string email) => Build(email, null,
        $"Please reconnect {ServiceName} on IFTTT",
        "Hello,",
        [
            $"we changed how {ServiceName} connects to IFTTT. Your Applets that use {ServiceName} stop until you reconnect: open IFTTT, go to {ServiceName}'s service page and choose Reconnect.",
            message,
        ]);

    /// <summary>The product refused AdminPortal's refresh token: IFTTT will ask the user to reconnect, this says why.</summary>
    public EmailMessage ProductLinkBrokenNotice(string productName, string email) => Build(email, null,
        $"Please reconnect {ServiceName} on IFTTT",
        "Hello,",
        [
            $"{productName} no longer accepts the connection IFTTT uses for your account (for example because you signed out of all devices or changed your password). Your Applets that use {ServiceName} are paused.",
            $"To start them again, open IFTTT, go to {ServiceName}'s service page, choose Reconnect and sign in with your {productName} account.",
        ]);

    /// <summary>
    /// IFTTT's checks of the user's link fail (or the link was revoked while IFTTT still uses it): one email per incident,
    /// with the page where IFTTT's Reconnect button is.
    /// </summary>
    public EmailMessage ReconnectPrompt(string email, string reconnectUrl, bool revoked) => Build(email, null,
        $"Please reconnect {ServiceName} on IFTTT",
        "Hello,",
        [
            revoked
                ? $"the connection between your {ServiceName} account and IFTTT was revoked, but IFTTT is still trying to use it: your Applets that use {ServiceName} have stopped."
                : $"IFTTT can no longer use the connection to your {ServiceName} account: its checks fail, and after a few more IFTTT switches off your Applets that use {ServiceName}.",
            $"To keep them working, open {reconnectUrl}, choose Reconnect and sign in again.",
            revoked ? $"If you meant to disconnect, remove those Applets on IFTTT instead." : "",
        ]);

    private EmailMessage Build(string to, string? toName, string subject, string greeting, string[] paragraphs)
    {
        var body = paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        var text = $"{greeting}\n\n{string.Join("\n\n", body)}\n\n— {ServiceName}\n";
        var html = $"<p>{Encode(greeting)}</p>{string.Concat(body.Select(p => $"<p>{Encode(p)}</p>"))}<p>— {Encode(ServiceName)}</p>";
        return new EmailMessage(to, toName, subject, text, html);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>");
}
