using System.Net;
using AdminPortal.Data;
using AdminPortal.Features.Alerts;
using AdminPortal.Features.Alerts.Reconnect;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.OAuth.Connections;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.Sunset;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Alerts;

/// <summary>Users whose IFTTT link fails get one reconnect email per incident (read from the .eml outbox).</summary>
public sealed class ReconnectPromptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failing_OneEmailPerIncident_AndANewRunOfFailuresAfterASuccessIsANewOne()
    {
        await using var t = new AlertApp();
        var (userId, _) = await t.App.CreateLinkedUserAsync();
        var email = await EmailOfAsync(t, userId);
        var recorder = t.App.Services.CreateScope().ServiceProvider.GetRequiredService<TokenHealthRecorder>();
        await recorder.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, false, TokenFailureReasons.Rejected), Ct);

        await t.TriggerAsync(AlertJobs.ReconnectId);
        await t.TriggerAsync(AlertJobs.ReconnectId);

        var message = Assert.Single(t.Outbox(email));
        Assert.Equal("Please reconnect Demo Home on IFTTT", message.Subject);
        Assert.Contains("https://ifttt.com/demo_home/settings", message.TextBody);
        Assert.Contains("its checks fail", message.TextBody);

        // More failures in the same run are the same incident.
        t.Clock.Advance(TimeSpan.FromHours(1));
        await recorder.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, false, TokenFailureReasons.Rejected), Ct);
        await t.TriggerAsync(AlertJobs.ReconnectId);
        Assert.Single(t.Outbox(email));

        t.Clock.Advance(TimeSpan.FromHours(1));
        await recorder.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, true), Ct);
        t.Clock.Advance(TimeSpan.FromHours(1));
        await recorder.RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, false, TokenFailureReasons.Rejected), Ct);
        await t.TriggerAsync(AlertJobs.ReconnectId);
        await t.TriggerAsync(AlertJobs.ReconnectId);

        Assert.Equal(2, t.Outbox(email).Count);
        var told = await t.App.Services.GetRequiredService<ReconnectPromptQueries>().LastToldAsync([userId], Ct);
        Assert.Equal(t.Now, told[userId]);
    }

    [Fact]
    public async Task LinkRevoked_IftttStillCalling_OneEmailSayingItWasRevoked()
    {
        await using var t = new AlertApp();
        var (userId, token) = await t.App.CreateLinkedUserAsync();
        var email = await EmailOfAsync(t, userId);
        await using (var scope = t.App.Services.CreateAsyncScope())
        {
            var connections = scope.ServiceProvider.GetRequiredService<ConnectionsService>();
            foreach (var connection in await connections.ListAsync(userId, Ct))
            {
                await connections.DisconnectAnyAsync(connection.AuthorizationId, Ct);
            }
        }
        // Nobody is told about a revoke IFTTT never tripped over.
        await t.TriggerAsync(AlertJobs.ReconnectId);
        Assert.Empty(t.Outbox(email));

        var answer = await t.App.IftttClient(token).GetAsync("/ifttt/v1/user/info", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        await IftttFactory.EventuallyAsync(async () => (await t.App.Services.CreateScope().ServiceProvider.GetRequiredService<TokenHealthService>().GetAsync(userId, Ct))?.FailedChecks,
            failed => failed > 0);
        await t.TriggerAsync(AlertJobs.ReconnectId);
        await t.TriggerAsync(AlertJobs.ReconnectId);

        var message = Assert.Single(t.Outbox(email));
        Assert.Contains("was revoked, but IFTTT is still trying to use it", message.TextBody);
    }

    [Fact]
    public async Task IftttTestUser_Failing_IsNotEmailed()
    {
        await using var t = new AlertApp();
        var (userId, _) = await t.App.CreateLinkedUserAsync();
        var email = await EmailOfAsync(t, userId);
        await using (var scope = t.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(userId))!;
            user.IsTestUser = true;
            await users.UpdateAsync(user);
        }
        await t.App.Services.CreateScope().ServiceProvider.GetRequiredService<TokenHealthRecorder>()
            .RecordAsync(new TokenCheckEvent(userId, TokenCheckKind.UserInfo, false, TokenFailureReasons.Rejected), Ct);

        await t.TriggerAsync(AlertJobs.ReconnectId);

        Assert.Empty(t.Outbox(email));
        await using var db = await t.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Set<NoticeDelivery>().AnyAsync(d => d.UserId == userId, Ct));
    }

    private static async Task<string> EmailOfAsync(AlertApp t, string userId)
    {
        await using var scope = t.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId))!.Email!;
    }
}
