using System.Net;
using AdminPortal.Data;
using AdminPortal.Features.Timelines;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Ifttt;

/// <summary>
/// Issue 20 item 11: trigger-identity bookkeeping was written in the background after the answer, so a crash right
/// after a new identity's first poll lost it (no realtime nudges until its next poll). A new identity is now stored
/// before the poll answers; repeat polls stay batched.
/// </summary>
public sealed class NewIdentityStoredTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TriggerIdentity?> StoredAsync(string userId, string identity)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<TriggerIdentity>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.UserId == userId && i.Id == identity, Ct);
    }

    private static async Task PollAsync(HttpClient client, string identity) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json($$$"""{"trigger_identity":"{{{identity}}}","triggerFields":{"door":"front"}}"""), Ct)).StatusCode);

    [Fact]
    public async Task FirstPoll_OfEachNewIdentity_IsInTheDatabaseWhenTheAnswerArrives()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        // Many in a row: with the write after the answer, some reads here would race ahead of it.
        for (var i = 0; i < 25; i++)
        {
            var identity = $"new-{i}-{Guid.NewGuid():N}";
            await PollAsync(client, identity);

            var stored = await StoredAsync(userId, identity);
            Assert.True(stored is not null, $"identity {i} was not stored when its first poll answered");
            Assert.Equal(1, stored.PollCount);
            Assert.Equal("door_opened", stored.Trigger);
        }
    }

    [Fact]
    public async Task RepeatPolls_OfAKnownIdentity_AreStillCounted()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        for (var i = 0; i < 3; i++)
        {
            await PollAsync(client, "known-identity");
        }

        var stored = await IftttFactory.EventuallyAsync(() => StoredAsync(userId, "known-identity"), s => s?.PollCount == 3);
        Assert.Equal(3, stored!.PollCount);
    }
}
