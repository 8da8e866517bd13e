using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Email;

/// <summary>Real delivery over SMTP with MailKit, used when <c>Email:Smtp:Host</c> is set.</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, Tls(smtp.Tls), ct);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        }
        await client.SendAsync(MimeMessages.Build(message, settings), ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions Tls(string value) => value.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };
}
