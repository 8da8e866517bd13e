using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Email;

/// <summary><c>Email</c> section. With no SMTP host, messages are written as .eml files to the outbox folder.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "AdminPortal <noreply@localhost>";

    /// <summary>Where messages go when no SMTP host is configured (relative to the content root).</summary>
    public string OutboxPath { get; set; } = "data/outbox";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, <c>Auto</c> or <c>None</c>.</summary>
    [AllowedValues("StartTls", "SslOnConnect", "Auto", "None")]
    public string Tls { get; set; } = "StartTls";

    public string? User { get; set; }
    public string? Password { get; set; }
}

/// <summary>A message in both forms every mail client can show.</summary>
public sealed record EmailMessage(string ToAddress, string? ToName, string Subject, string TextBody, string HtmlBody);
