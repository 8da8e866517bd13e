using System.Net;
using AdminPortal.Features.Email;

namespace AdminPortal.Features.Alerts;

public enum AlertPhase
{
    Opened,
    Cleared,
}

/// <summary>The words of an alert, the same in the email and the webhook: what is wrong, what to do, when, and where to look.</summary>
public sealed class AlertMessages(IConfiguration configuration)
{
    public const string PagePath = "/admin/alerts";

    public string ServiceName => configuration["Service:Name"] is { Length: > 0 } name ? name : "AdminPortal";

    /// <summary>The Alerts page at the public address (<c>OAuth:Issuer</c>), or null when that is not configured.</summary>
    public string? PageUrl => Uri.TryCreate(configuration["OAuth:Issuer"], UriKind.Absolute, out var issuer)
        ? new Uri(issuer, PagePath).ToString() : null;

    public string Subject(AlertIncident incident, AlertPhase phase) => phase == AlertPhase.Opened
        ? $"[{ServiceName}] Alert: {incident.Summary}"
        : $"[{ServiceName}] Cleared: {incident.Rule} — {incident.Summary}";

    public EmailMessage Email(AlertIncident incident, AlertPhase phase, string to)
    {
        string[] lines = phase == AlertPhase.Opened
            ? [incident.Summary, $"What to do: {incident.Advice}", $"Since {incident.OpenedAt:yyyy-MM-dd HH:mm} UTC (rule {incident.Rule}). You get one more message when it clears."]
            : [$"Cleared at {incident.ClearedAt:yyyy-MM-dd HH:mm} UTC: the condition of rule {incident.Rule} no longer holds.", $"It was: {incident.Summary}",
               $"Open since {incident.OpenedAt:yyyy-MM-dd HH:mm} UTC."];
        var all = PageUrl is { } url ? [.. lines, $"Every incident: {url}"] : lines;
        var subject = Subject(incident, phase);
        if (subject.Length > 200)
        {
            subject = subject[..199] + "…";
        }
        return new EmailMessage(to, null, subject, string.Join("\n\n", all) + "\n",
            string.Concat(all.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>")));
    }
}
