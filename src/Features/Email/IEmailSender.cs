using MimeKit;

namespace AdminPortal.Features.Email;

public interface IEmailSender
{
    /// <summary>Sends or stores the message; throws when it could not (callers retry and record).</summary>
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

internal static class MimeMessages
{
    public static MimeMessage Build(EmailMessage message, EmailOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
