using AdminPortal.Data;
using AdminPortal.Features.Email;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Sunset;

/// <summary>
/// Sends a notice to one recipient at most once. A delivery row (unique per notice and recipient)
/// is written as "sending" before the message leaves and "sent" after, so a retried job or a restart
/// skips everyone already served; a row left "sending" by a crash becomes "uncertain" and is not resent.
/// </summary>
public sealed class NoticeSender(IDbContextFactory<AppDbContext> dbFactory, IEmailSender email, TimeProvider clock, ILogger<NoticeSender> logger)
{
    /// <summary>Returns false when the send failed (recorded on the row, retried when the job reruns).</summary>
    public async Task<bool> SendOnceAsync(string noticeKey, string recipient, string? userId, EmailMessage message, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.Set<NoticeDelivery>().SingleOrDefaultAsync(d => d.NoticeKey == noticeKey && d.Recipient == recipient, ct);
        switch (delivery?.State)
        {
            case NoticeDeliveryState.Sent or NoticeDeliveryState.Uncertain:
                return true;
            case NoticeDeliveryState.Sending:
                delivery.State = NoticeDeliveryState.Uncertain;
                delivery.LastError = "The app stopped while this message was being sent; it may have been delivered.";
                await db.SaveChangesAsync(ct);
                return true;
            case null:
                delivery = new NoticeDelivery { NoticeKey = noticeKey, Recipient = recipient, UserId = userId, Subject = message.Subject, CreatedAt = clock.GetUtcNow() };
                db.Add(delivery);
                break;
        }

        delivery.State = NoticeDeliveryState.Sending;
        delivery.Attempts++;
        await db.SaveChangesAsync(ct);
        try
        {
            await email.SendAsync(message, ct);
            delivery.State = NoticeDeliveryState.Sent;
            delivery.SentAt = clock.GetUtcNow();
            delivery.LastError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Notice {NoticeKey} to {Recipient} failed (attempt {Attempt}): {Error}", noticeKey, recipient, delivery.Attempts, ex.Message);
            delivery.State = NoticeDeliveryState.Failed;
            delivery.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
        }
        // Not the job's token: the outcome of a message that left must be recorded even during shutdown.
        await db.SaveChangesAsync(CancellationToken.None);
        return delivery.State == NoticeDeliveryState.Sent;
    }
}
