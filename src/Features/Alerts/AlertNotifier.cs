using AdminPortal.Data;
using AdminPortal.Features.Sunset;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts;

/// <summary>
/// Sends what is owed: the "opened" message of each new incident and the "cleared" one of each cleared incident, to every
/// configured channel. A message counts as sent when every channel took it; until then the next check tries again.
/// Emails go through the notice machinery (one delivery row per incident, phase and recipient), so a retry after a
/// failed webhook never emails a recipient twice.
/// </summary>
public sealed class AlertNotifier(
    IOptions<AlertOptions> options,
    NoticeSender notices,
    AlertWebhook webhook,
    AlertMessages messages,
    TimeProvider clock,
    ILogger<AlertNotifier> logger)
{
    /// <summary>Per check, so a long outage of a channel cannot make one check run for ever.</summary>
    private const int MaxPerCheck = 100;

    public async Task SendOwedAsync(AppDbContext db, CancellationToken ct)
    {
        var owed = await db.Set<AlertIncident>()
            .Where(i => i.OpenNoticeSentAt == null || (i.ClearedAt != null && i.ClearNoticeSentAt == null))
            .OrderBy(i => i.Id).Take(MaxPerCheck).ToListAsync(ct);
        foreach (var incident in owed)
        {
            if (incident.OpenNoticeSentAt is null)
            {
                if (!await SendAsync(incident, AlertPhase.Opened, ct))
                {
                    await db.SaveChangesAsync(ct);
                    continue;
                }
                incident.OpenNoticeSentAt = clock.GetUtcNow();
            }
            if (incident.ClearedAt is not null && incident.ClearNoticeSentAt is null && await SendAsync(incident, AlertPhase.Cleared, ct))
            {
                incident.ClearNoticeSentAt = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<bool> SendAsync(AlertIncident incident, AlertPhase phase, CancellationToken ct)
    {
        var errors = new List<string>();
        var key = $"alert:{incident.Id}:{phase.ToString().ToLowerInvariant()}";
        foreach (var to in options.Value.Email.To)
        {
            if (!await notices.SendOnceAsync(key, to, null, messages.Email(incident, phase, to), ct))
            {
                errors.Add($"email to {to} failed (the Outbox page has the error)");
            }
        }
        if (webhook.Configured)
        {
            try
            {
                await webhook.PostAsync(incident, phase, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                errors.Add($"webhook: {ex.Message}");
            }
        }
        incident.NoticeError = errors.Count == 0 ? null : string.Join("; ", errors) is var text && text.Length > 1000 ? text[..1000] : text;
        if (errors.Count > 0)
        {
            logger.LogWarning("The {Phase} notice of alert {Id} ({Rule}) was not sent: {Errors}", phase, incident.Id, incident.Rule, incident.NoticeError);
        }
        return errors.Count == 0;
    }
}
