using AdminPortal.Data;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.ProductLink;
using AdminPortal.Features.Sunset;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts.Reconnect;

/// <summary>
/// Tells a user whose IFTTT link fails to reconnect, once per incident. An incident is one run of failed checks: it
/// starts at the first failure after the last success (<see cref="TokenHealthRecord.FirstFailureAt"/>) and is the
/// notice's key, so the email goes once however often this runs, through the sunset notices' once-per-recipient
/// machinery (<see cref="NoticeSender"/>); after a success a later run of failures is a new incident and a new email.
/// Who: Failing or Likely disabled, or Disconnected while IFTTT still calls with the revoked link (its Applets are
/// broken). A broken product link has its own email (ProductLink) and is left out; so are IFTTT's test users, users
/// whose failures stopped long ago, and everyone after the sunset (the links were revoked on purpose).
/// </summary>
public sealed class ReconnectPrompts(
    IDbContextFactory<AppDbContext> dbFactory,
    NoticeSender sender,
    NoticeTemplates templates,
    ServiceLifecycle lifecycle,
    IOptions<AlertOptions> options,
    IOptions<IftttClientOptions> client,
    TimeProvider clock,
    ILogger<ReconnectPrompts> logger)
{
    public const string NoticeKeyPrefix = "reconnect-prompt:";

    /// <summary>IFTTT's own window: a user whose last failure is older than this is not written to out of the blue.</summary>
    public static readonly TimeSpan RecentFailure = TokenHealthRules.DisableWindow;

    private const int MaxPerRun = 200;

    public static string NoticeKey(string userId, DateTimeOffset firstFailureAt) => $"{NoticeKeyPrefix}{userId}:{firstFailureAt.UtcTicks}";

    public string ReconnectUrl => options.Value.Reconnect.Url is { Length: > 0 } url ? url : $"https://ifttt.com/{client.Value.ServiceSlug}/settings";

    public async Task<int> SendAsync(CancellationToken ct)
    {
        if (!options.Value.Reconnect.Enabled || lifecycle.IsSunset)
        {
            return 0;
        }
        var since = clock.GetUtcNow() - RecentFailure;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await (from h in db.Set<TokenHealthRecord>()
                                join u in db.Users on h.UserId equals u.Id
                                where !u.IsTestUser && u.Email != null && h.FirstFailureAt != null && h.LastFailureAt >= since
                                    && (h.State == TokenHealthState.Failing || h.State == TokenHealthState.LikelyDisabled
                                        || (h.State == TokenHealthState.Disconnected && h.FailedChecks > 0))
                                select new { h.UserId, Email = u.Email!, FirstFailureAt = h.FirstFailureAt!.Value, h.State })
            .AsNoTracking().ToListAsync(ct);
        var owed = candidates.Where(c => !c.Email.EndsWith(ProductSignIn.NoEmailDomain, StringComparison.OrdinalIgnoreCase))
            .Select(c => (c.UserId, c.Email, c.State, Key: NoticeKey(c.UserId, c.FirstFailureAt))).ToList();
        var keys = owed.Select(o => o.Key).ToList();
        // Those told already are skipped here in one query rather than one round trip each.
        var done = (await db.Set<NoticeDelivery>()
                .Where(d => keys.Contains(d.NoticeKey) && (d.State == NoticeDeliveryState.Sent || d.State == NoticeDeliveryState.Uncertain))
                .Select(d => d.NoticeKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var sent = 0;
        foreach (var (userId, email, state, key) in owed.Where(o => !done.Contains(o.Key)).Take(MaxPerRun))
        {
            var message = templates.ReconnectPrompt(email, ReconnectUrl, revoked: state == TokenHealthState.Disconnected);
            if (await sender.SendOnceAsync(key, email, userId, message, ct))
            {
                sent++;
            }
        }
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} reconnect email(s) to users whose IFTTT link fails", sent);
        }
        return sent;
    }
}
