using AdminPortal.Features.Accounts;
using AdminPortal.Features.Sunset;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.ProductLink;

/// <summary>The "please reconnect" email after a broken product link, through the once-per-recipient notice machinery.</summary>
public sealed class ProductLinkNotices(UserManager<AppUser> users, NoticeSender sender, NoticeTemplates templates, IOptions<ProductOptions> product)
{
    /// <param name="noticeKey">One key per break, so a retried job never sends twice and a later break sends again.</param>
    public async Task SendBrokenNoticeAsync(string userId, string noticeKey, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is not { Length: > 0 } email || email.EndsWith(ProductSignIn.NoEmailDomain, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        if (!await sender.SendOnceAsync(noticeKey, email, userId, templates.ProductLinkBrokenNotice(product.Value.Name!, email), ct))
        {
            // Hangfire retries the job; the delivery row keeps it to one message.
            throw new InvalidOperationException($"The reconnect email to user {userId} could not be sent yet.");
        }
    }
}
