using System.Data.Common;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Ingest;

/// <summary>
/// A product retrying one batch against two instances at once (decision 0028): each source id is stored once, and every
/// answer names the stored event — the write gate that serialises one instance's batches does not reach the other.
/// </summary>
public sealed class IngestAcrossInstancesTests
{
    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = TwoInstances.OnlyOnPostgres)]
    public async Task SameBatch_OnTwoInstancesAtOnce_StoredOnceAndEveryAnswerNamesIt()
    {
        await using var instances = TwoInstances.Over(IftttFactory.OverDirectory);
        var (a, b) = instances;
        var (userId, _) = await a.CreateLinkedUserAsync();
        var at = DateTimeOffset.UtcNow;
        // Warmed up first, so neither instance's requests all finish before the other's start.
        await a.IngestAsync(IftttFactory.DoorEvent(userId, "warm-up", at, sourceId: "warm-up-a"));
        await b.IngestAsync(IftttFactory.DoorEvent(userId, "warm-up", at, sourceId: "warm-up-b"));

        for (var round = 0; round < 3; round++)
        {
            var batch = Enumerable.Range(0, 50).Select(i => IftttFactory.DoorEvent(userId, $"door-{i}", at, sourceId: $"once-{round}-{i}")).ToArray();

            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).IngestAsync(batch))));

            var ids = answers[0];
            Assert.Equal(50, ids.Distinct().Count());
            Assert.All(answers, answer => Assert.Equal(ids, answer));
        }
        Assert.Equal(2 + 3 * 50, await StoredCountAsync(a, userId));
    }

    private static async Task<long> StoredCountAsync(AdminPortalFactory app, string userId)
    {
        await using DbConnection connection = TestDatabase.Connect(app);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "TimelineEvents" WHERE "UserId" = @user""";
        var user = command.CreateParameter();
        user.ParameterName = "user";
        user.Value = userId;
        command.Parameters.Add(user);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
