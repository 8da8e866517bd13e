using System.Data.Common;
using System.Diagnostics;
using System.Net;
using AdminPortal.Data;
using AdminPortal.Data.Cluster;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.Features.Availability;
using AdminPortal.Features.Secrets;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Cluster;

/// <summary>
/// Two instances on one PostgreSQL database (decision 0027): what one changes, the other — which holds validated tokens,
/// the maintenance switch and whose access changed in memory — acts on within the documented bound
/// (<c>Cluster:CheckInterval</c>, 2 s), not after its token cache's five minutes.
/// </summary>
public sealed class TwoInstanceChangeTests
{
    private const string OnlyOnPostgres = "two instances share a database only on PostgreSQL; a SQLite file belongs to one process (decision 0027)";
    private const string ClientSecret = "test-client-secret-0123456789";

    /// <summary>Room for a loaded test machine (declared first: <see cref="Bound"/> is initialised from it).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    /// <summary><c>Cluster:CheckInterval</c>'s default, plus <see cref="Slack"/>.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2) + Slack;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> WithClientSecret = new() { ["Ifttt:ClientSecret"] = ClientSecret };

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = OnlyOnPostgres)]
    public async Task TokenRevokedOnA_BRefusesItWithinTheBound()
    {
        await using var apps = TwoInstances.Start(WithClientSecret);
        var (_, onB) = await AcceptedOnBAsync(apps);

        await RevokeAsync(apps.A, onB);

        Assert.InRange(await UntilStatusAsync(() => PollAsync(onB), HttpStatusCode.Unauthorized, Bound), TimeSpan.Zero, Bound);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = OnlyOnPostgres)]
    public async Task NotificationsNotDelivered_TheCheckStillBoundsTheRevoke()
    {
        // B does not LISTEN: only its periodic read of the change rows can tell it (the safety net for a lost NOTIFY).
        var interval = TimeSpan.FromSeconds(1);
        await using var apps = TwoInstances.Start(WithClientSecret,
            new Dictionary<string, string?> { ["Cluster:Listen"] = "false", ["Cluster:CheckInterval"] = interval.ToString() });
        var (_, onB) = await AcceptedOnBAsync(apps);

        await RevokeAsync(apps.A, onB);

        Assert.InRange(await UntilStatusAsync(() => PollAsync(onB), HttpStatusCode.Unauthorized, interval + Slack), TimeSpan.Zero, interval + Slack);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = OnlyOnPostgres)]
    public async Task MaintenanceOnA_BAnswers503WithinTheBoundAndRecovers()
    {
        await using var apps = TwoInstances.Start();
        var onB = apps.B.ServiceKeyClient();
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/ifttt/v1/status", Ct)).StatusCode);
        var switchOnA = apps.A.Services.GetRequiredService<ServiceStateStore>();

        await switchOnA.SetMaintenanceAsync(true, "Back at noon.", Ct);
        Assert.InRange(await UntilStatusAsync(() => onB.GetAsync("/ifttt/v1/status", Ct), HttpStatusCode.ServiceUnavailable, Bound), TimeSpan.Zero, Bound);
        Assert.Equal("Back at noon.", await HttpAssert.ErrorAsync(await onB.GetAsync("/ifttt/v1/status", Ct), HttpStatusCode.ServiceUnavailable));

        await switchOnA.SetMaintenanceAsync(false, null, Ct);
        Assert.InRange(await UntilStatusAsync(() => onB.GetAsync("/ifttt/v1/status", Ct), HttpStatusCode.OK, Bound), TimeSpan.Zero, Bound);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = OnlyOnPostgres)]
    public async Task IngestedOnA_PollOnBSeesTheEvent()
    {
        await using var apps = TwoInstances.Start();
        var (userId, token) = await apps.A.CreateLinkedUserAsync();
        var ids = await apps.A.IngestAsync(new[] { IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow) });

        var json = await HttpAssert.JsonAsync(await PollAsync(apps.B.IftttClient(token)), HttpStatusCode.OK);

        Assert.Equal(ids, json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("meta").GetProperty("id").GetString()));
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = OnlyOnPostgres)]
    public async Task UserLockedByAnAdminOnA_BRefusesTheirTokenWithinTheBound()
    {
        await using var apps = TwoInstances.Start();
        var (userId, onB) = await AcceptedOnBAsync(apps);

        Assert.Null(await apps.A.Services.GetRequiredService<AdminAccounts>().LockAsync(userId));

        Assert.InRange(await UntilStatusAsync(() => PollAsync(onB), HttpStatusCode.Unauthorized, Bound), TimeSpan.Zero, Bound);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = OnlyOnPostgres)]
    public async Task ServiceKeyRotatedOnA_BTakesTheNewKeyWithinTheBound()
    {
        // Not configured: the key lives in the database, as pasted on the Service page (configuration would win).
        await using var apps = TwoInstances.Start(new Dictionary<string, string?> { ["Ifttt:ServiceKey"] = "" });
        var secretsOnA = apps.A.Services.GetRequiredService<ISecretStore>();
        await secretsOnA.SetAsync(SecretNames.ServiceKey, "first-service-key-0123456789", Ct);
        Assert.Equal(HttpStatusCode.OK, (await StatusOnBAsync(apps, "first-service-key-0123456789")).StatusCode); // B has read it now

        await secretsOnA.SetAsync(SecretNames.ServiceKey, "second-service-key-0123456789", Ct);

        Assert.InRange(await UntilStatusAsync(() => StatusOnBAsync(apps, "second-service-key-0123456789"), HttpStatusCode.OK, Bound), TimeSpan.Zero, Bound);
        await HttpAssert.ErrorAsync(await StatusOnBAsync(apps, "first-service-key-0123456789"), HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> StatusOnBAsync(TwoInstances.Pair<IftttFactory> apps, string serviceKey)
    {
        var client = apps.B.IftttClient();
        client.DefaultRequestHeaders.Add("IFTTT-Service-Key", serviceKey);
        return client.GetAsync("/ifttt/v1/status", Ct);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = OnlyOnPostgres)]
    public async Task FeedConnectionLost_BForgetsEveryRememberedToken()
    {
        await using var apps = TwoInstances.Start();
        var (userId, onB) = await AcceptedOnBAsync(apps);
        await using var database = TestDatabase.Connect(apps.A);
        await database.OpenAsync(Ct);
        // Revoked behind every instance's back: no change row, so no instance is told.
        await ExecuteAsync(database, """UPDATE "OpenIddictTokens" SET "Status" = 'revoked' WHERE "Subject" = @subject""", userId);
        await PollOkAsync(onB); // still remembered: nothing said otherwise

        // Both instances' feed connections end; whatever they missed meanwhile, they forget what they remember.
        await ExecuteAsync(database, """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @subject
            """, ClusterChangeListener.ApplicationName);

        Assert.InRange(await UntilStatusAsync(() => PollAsync(onB), HttpStatusCode.Unauthorized, Bound), TimeSpan.Zero, Bound);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, string subject)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("subject", subject);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static Task<HttpResponseMessage> PollAsync(HttpClient client) =>
        client.PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json("""{"trigger_identity":"cluster-door","triggerFields":{"door":"front"}}"""), Ct);

    /// <summary>A linked user whose token B has accepted, and so remembers; the client calls B with it.</summary>
    private static async Task<(string UserId, HttpClient OnB)> AcceptedOnBAsync(TwoInstances.Pair<IftttFactory> apps)
    {
        var (userId, token) = await apps.A.CreateLinkedUserAsync();
        var onB = apps.B.IftttClient(token);
        await PollOkAsync(onB);
        await PollOkAsync(onB);
        return (userId, onB);
    }

    private static async Task PollOkAsync(HttpClient client) => await HttpAssert.JsonAsync(await PollAsync(client), HttpStatusCode.OK);

    /// <summary>As IFTTT would: the OAuth revocation endpoint, authenticated as the client.</summary>
    private static async Task RevokeAsync(IftttFactory app, HttpClient bearer)
    {
        var token = bearer.DefaultRequestHeaders.Authorization!.Parameter!;
        var response = await app.CreateClient().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["token_type_hint"] = "access_token",
            ["client_id"] = "ifttt",
            ["client_secret"] = ClientSecret,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>How long until <paramref name="request"/> answers <paramref name="expected"/>; fails past <paramref name="limit"/>.</summary>
    private static async Task<TimeSpan> UntilStatusAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode expected, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var status = (await request()).StatusCode;
            if (status == expected)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"{(int)expected} after {watch.Elapsed.TotalMilliseconds:0} ms");
                return watch.Elapsed;
            }
            Assert.True(watch.Elapsed < limit, $"still {(int)status} after {watch.Elapsed.TotalSeconds:0.0} s; expected {(int)expected} within {limit.TotalSeconds} s");
            await Task.Delay(50, Ct);
        }
    }
}
