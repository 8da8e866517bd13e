using System.Net;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Secrets;
using AdminPortal.IntegrationTests.Infrastructure;
using static AdminPortal.IntegrationTests.Secrets.SecretClients;

namespace AdminPortal.IntegrationTests.Secrets;

/// <summary>Issue 20 finding 2, as the attack: a copy of the database file must not yield a working secret.</summary>
public sealed class SecretsAtRestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecretsTable_EveryStoredValueTriedAsEveryKey_AllRefused()
    {
        await using var app = new AdminPortalFactory { KeepDataProtectionKeys = true };
        var serviceKey = "ifttt-issued-" + Guid.NewGuid().ToString("N");
        Assert.Null(await WithAdminAsync(app, admin => admin.ReplaceServiceKeyAsync(serviceKey, Ct)));
        var clientSecret = await WithAdminAsync(app, admin => admin.GenerateAsync(SecretNames.ClientSecret, Ct));
        var ingestKey = await WithAdminAsync(app, admin => admin.GenerateAsync(SecretNames.IngestApiKey, Ct));
        // The real values work, so a refusal below is the stored form's failing, not a broken endpoint.
        Assert.Equal(HttpStatusCode.OK, (await StatusAsync(app, serviceKey)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, await IngestAsync(app, ingestKey));
        Assert.Equal(HttpStatusCode.BadRequest, await ClientAuthenticationAsync(app, clientSecret));

        var rows = await SecretsTable.ReadAsync(app.DataDirectory);

        Assert.Equal([SecretNames.ClientSecret, SecretNames.ServiceKey, SecretNames.IngestApiKey], rows.Select(r => r.Name));
        Assert.All(rows, row => Assert.All(new[] { serviceKey, clientSecret, ingestKey }, secret => Assert.DoesNotContain(secret, row.Value)));
        // Each stored value as it is, and with its format prefix stripped, as an attacker would try.
        var candidates = rows.SelectMany(r => new[] { r.Value, r.Value[(r.Value.IndexOf(':') + 1)..], r.Fingerprint })
            .OfType<string>().Distinct().ToList();
        Assert.Equal(6, candidates.Count);
        foreach (var candidate in candidates)
        {
            await HttpAssert.ErrorAsync(await StatusAsync(app, candidate), HttpStatusCode.Unauthorized);
            Assert.Equal(HttpStatusCode.Unauthorized, await IngestAsync(app, candidate));
            Assert.Equal(HttpStatusCode.Unauthorized, await ClientAuthenticationAsync(app, candidate));
        }
    }

    [Fact]
    public async Task Upgrade_PlaintextRowsOfAnEarlierVersion_ConvertedAtStartAndStillWork()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        const string legacyService = "legacy-service-key-0123456789";
        const string legacyClient = "legacy-client-secret-0123456789";
        const string legacyIngest = "legacy-ingest-key-0123456789";
        // An earlier version registered the OAuth client with the stored secret (OpenIddict hashed it) ...
        await using (var before = AdminPortalFactory.OverDirectory(directory))
        {
            before.Settings["Ifttt:ClientSecret"] = legacyClient;
            _ = before.Server;
        }
        // ... and kept every secret in plaintext.
        var database = directory;
        await SecretsTable.WritePlaintextAsync(database, SecretNames.ServiceKey, legacyService);
        await SecretsTable.WritePlaintextAsync(database, SecretNames.ClientSecret, legacyClient);
        await SecretsTable.WritePlaintextAsync(database, SecretNames.IngestApiKey, legacyIngest);

        await using (var upgraded = Restart(directory))
        {
            _ = upgraded.Server;
            var rows = await SecretsTable.ReadAsync(database);
            Assert.All(rows, row => Assert.False(SecretCodec.IsPlaintext(row.Value), $"{row.Name} is still plaintext"));
            Assert.DoesNotContain(rows, row => row.Value.Contains("legacy"));
            Assert.Contains(upgraded.Logs.Lines, line => line.Contains("Protected 3 secrets stored in plaintext"));

            Assert.Equal(HttpStatusCode.OK, (await StatusAsync(upgraded, legacyService)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, await IngestAsync(upgraded, legacyIngest));
            Assert.Equal(HttpStatusCode.BadRequest, await ClientAuthenticationAsync(upgraded, legacyClient));
        }

        // The Data Protection keys persist, so the encrypted service key survives the next restart.
        await using (var again = Restart(directory))
        {
            Assert.Equal(HttpStatusCode.OK, (await StatusAsync(again, legacyService)).StatusCode);
            Assert.DoesNotContain(again.Logs.Lines, line => line.Contains("Protected"));
        }
    }

    [Fact]
    public async Task ServiceKey_DataProtectionKeysLost_RefusedAndThePageSaysPasteAgain()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        const string pasted = "pasted-service-key-0123456789";
        await using (var first = Restart(directory))
        {
            Assert.Null(await WithAdminAsync(first, admin => admin.ReplaceServiceKeyAsync(pasted, Ct)));
        }

        await using var lost = AdminPortalFactory.OverDirectory(directory); // ephemeral keys: not the ones it was written with
        var message = await HttpAssert.ErrorAsync(await StatusAsync(lost, pasted), HttpStatusCode.Unauthorized);
        Assert.Equal(ServiceKeyFilter.NotSetUp, message);
        var status = await WithAdminAsync(lost, admin => admin.DescribeAsync(SecretNames.ServiceKey, Ct).AsTask());
        Assert.True(status.Unreadable);
    }

    private static AdminPortalFactory Restart(string directory)
    {
        var app = AdminPortalFactory.OverDirectory(directory);
        app.KeepDataProtectionKeys = true;
        return app;
    }
}
