using System.Net;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Secrets;
using AdminPortal.IntegrationTests.Infrastructure;
using static AdminPortal.IntegrationTests.Secrets.SecretClients;

namespace AdminPortal.IntegrationTests.Secrets;

/// <summary>Issue 17 item 1: IFTTT issues the service key; AdminPortal never invents one.</summary>
public sealed class ServiceKeyFromIftttTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusAndTestSetup_NoKeySet_401WithErrorsBodySayingWhatToDo()
    {
        await using var app = new AdminPortalFactory();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("IFTTT-Service-Key", "anything-at-all-0123456789");

        var status = await HttpAssert.ErrorAsync(await client.GetAsync("/ifttt/v1/status", Ct), HttpStatusCode.Unauthorized);
        var setup = await HttpAssert.ErrorAsync(await client.PostAsync("/ifttt/v1/test/setup", null, Ct), HttpStatusCode.Unauthorized);

        Assert.Equal(ServiceKeyFilter.NotSetUp, status);
        Assert.Equal(ServiceKeyFilter.NotSetUp, setup);
        Assert.Empty(await SecretsTable.ReadAsync(app.DataDirectory)); // nothing generated behind the admin's back
    }

    [Fact]
    public async Task PastedKey_StatusAnswers200WithItAndReplacingItRefusesTheOldOne()
    {
        await using var app = new AdminPortalFactory();
        const string first = "first-key-from-ifttt-0123456789";
        const string second = "second-key-from-ifttt-0123456789";

        Assert.Null(await WithAdminAsync(app, admin => admin.ReplaceServiceKeyAsync($"  {first}\n", Ct)));
        Assert.Equal(HttpStatusCode.OK, (await StatusAsync(app, first)).StatusCode);
        await HttpAssert.ErrorAsync(await StatusAsync(app, second), HttpStatusCode.Unauthorized);

        Assert.Null(await WithAdminAsync(app, admin => admin.ReplaceServiceKeyAsync(second, Ct)));
        Assert.Equal(HttpStatusCode.OK, (await StatusAsync(app, second)).StatusCode);
        await HttpAssert.ErrorAsync(await StatusAsync(app, first), HttpStatusCode.Unauthorized);
        var status = await WithAdminAsync(app, admin => admin.DescribeAsync(SecretNames.ServiceKey, Ct).AsTask());
        Assert.Equal(SecretSource.Database, status.Source);
    }

    [Theory]
    [InlineData("   ", "Paste the service key")]
    [InlineData("too-short", "9 characters")]
    [InlineData("key with a space 0123456789", "space")]
    public async Task PastedKey_NotAKey_RefusedWithTheReasonAndNothingStored(string pasted, string reason)
    {
        await using var app = new AdminPortalFactory();

        var problem = await WithAdminAsync(app, admin => admin.ReplaceServiceKeyAsync(pasted, Ct));

        Assert.Contains(reason, problem);
        Assert.Empty(await SecretsTable.ReadAsync(app.DataDirectory));
    }

    [Fact]
    public async Task ConfiguredKey_WinsOverThePastedOneAndCannotBeReplacedFromThePage()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        const string pasted = "pasted-key-from-ifttt-0123456789";
        const string configured = "configured-key-from-ifttt-0123456789";
        await using (var before = Start(directory, configured: null))
        {
            Assert.Null(await WithAdminAsync(before, admin => admin.ReplaceServiceKeyAsync(pasted, Ct)));
        }

        await using (var app = Start(directory, configured))
        {
            Assert.Equal(HttpStatusCode.OK, (await StatusAsync(app, configured)).StatusCode);
            await HttpAssert.ErrorAsync(await StatusAsync(app, pasted), HttpStatusCode.Unauthorized);
            var status = await WithAdminAsync(app, admin => admin.DescribeAsync(SecretNames.ServiceKey, Ct).AsTask());
            Assert.Equal(new SecretStatus(SecretSource.Configuration, "Ifttt:ServiceKey", null), status);

            var refused = await WithAdminAsync(app, admin => admin.ReplaceServiceKeyAsync("another-key-from-ifttt-0123456789", Ct));

            Assert.Contains("Ifttt:ServiceKey", refused);
            Assert.Equal(HttpStatusCode.OK, (await StatusAsync(app, configured)).StatusCode);
        }

        // Configuration removed: the pasted key, kept encrypted all along, answers again.
        await using var after = Start(directory, configured: null);
        Assert.Equal(HttpStatusCode.OK, (await StatusAsync(after, pasted)).StatusCode);
    }

    private static AdminPortalFactory Start(string directory, string? configured)
    {
        var app = AdminPortalFactory.OverDirectory(directory);
        app.KeepDataProtectionKeys = true;
        app.Settings["Ifttt:ServiceKey"] = configured ?? "";
        return app;
    }
}
