using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Email;

/// <summary>
/// The embedded default: each message becomes an .eml file under the outbox folder, readable by any
/// mail client and listed on the admin Outbox page.
/// </summary>
internal sealed class OutboxEmailSender(IOptions<EmailOptions> options, EmailOutbox outbox, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var mime = MimeMessages.Build(message, options.Value);
        mime.Date = clock.GetUtcNow();
        Directory.CreateDirectory(outbox.Folder);
        // Fractions of a second too, so the Outbox page (newest name first) keeps messages of one second in order.
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss-fffffff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(outbox.Folder, name + ".tmp");
        await mime.WriteToAsync(temporary, ct);
        // Rename last, so the Outbox page never shows a half-written message.
        File.Move(temporary, Path.Combine(outbox.Folder, name));
    }
}
