using System.Net;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.Features.Email;
using AdminPortal.Features.OAuth.Connections;

namespace AdminPortal.Features.Dashboard.Users;

/// <summary>
/// The user page's account actions that reach past Accounts: deleting (outside access revoked first, through OAuth's
/// disconnect and the product link's revoker behind it) and the password-reset email. Answers are null on success,
/// else the sentence to show.
/// </summary>
public sealed class UserAdministration(AdminAccounts accounts, ConnectionsService connections, UserDeleter deleter, IEmailSender email,
    ILogger<UserAdministration> logger)
{
    public async Task<string?> DeleteAsync(string userId, string? actingAdminId, CancellationToken ct = default)
    {
        if (userId == actingAdminId)
        {
            return "You cannot delete your own account here.";
        }
        if (await accounts.IsLastAdminAsync(userId))
        {
            return AdminAccounts.LastAdminRefused;
        }
        // Revoked before anything is deleted: if the deletion fails, the user is left without access, never with a
        // live IFTTT token for an account that is half gone. Running it again finishes the job.
        await connections.DisconnectUserAsync(userId, ct);
        if (!await deleter.DeleteAsync(userId, ct))
        {
            return "The user no longer exists.";
        }
        logger.LogWarning("Admin {AdminId} deleted user {UserId} (IFTTT access revoked first)", actingAdminId, userId);
        return null;
    }

    public async Task<string?> SendResetLinkAsync(string userId, Uri siteBase, CancellationToken ct = default)
    {
        if (await accounts.ResetLinkAsync(userId, siteBase) is not { } found)
        {
            return "The user no longer exists or has no email address.";
        }
        var (address, link) = found;
        var html = $"<p>An administrator sent you this link to choose a new password:</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">Choose a new password</a></p>"
            + "<p>The link works once and expires in a day. If you did not expect it, ignore this message.</p>";
        var text = $"An administrator sent you this link to choose a new password:\n\n{link}\n\nThe link works once and expires in a day. If you did not expect it, ignore this message.";
        try
        {
            await email.SendAsync(new EmailMessage(address, null, "Choose a new password", text, html), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("The password reset email to {Email} failed: {Error}", address, ex.Message);
            return $"The email could not be sent: {ex.Message}";
        }
        return null;
    }
}
