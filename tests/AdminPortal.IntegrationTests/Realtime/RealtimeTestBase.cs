using AdminPortal.Data;
using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Realtime;

/// <summary>Each test gets its own app and its own fake IFTTT realtime endpoint.</summary>
public abstract class RealtimeTestBase : IAsyncLifetime
{
    public const string ServiceKey = "realtime-test-service-key";

    protected FakeIftttRealtime Fake { get; private set; } = null!;
    protected AdminPortalFactory App { get; private set; } = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Fake = await FakeIftttRealtime.StartAsync();
        App = CreateApp(AdminPortalFactory.NewDataDirectory());
    }

    protected AdminPortalFactory CreateApp(string directory, TimeSpan? debounce = null)
    {
        var app = AdminPortalFactory.OverDirectory(directory);
        app.Settings["Ifttt:RealtimeUrl"] = Fake.BaseUrl;
        app.Settings["Ifttt:ServiceKey"] = ServiceKey;
        app.Settings["Ifttt:Realtime:DebounceWindow"] = (debounce ?? TimeSpan.FromMilliseconds(200)).ToString();
        app.Settings["Ifttt:Realtime:InitialBackoff"] = "00:00:00.200";
        return app;
    }

    /// <summary>Queues nudges the way ingest does (the same call as <c>EventStore</c>): in a transaction, committed, then signalled.</summary>
    protected static async Task QueueAsync(AdminPortalFactory app, IEnumerable<string> identities)
    {
        _ = app.Server; // make sure the host (and its dispatcher) runs
        var outbox = app.Services.GetRequiredService<RealtimeOutbox>();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await outbox.InsertForIdentitiesAsync(db, [.. identities], Ct);
            await transaction.CommitAsync(Ct);
        }
        outbox.Signal();
    }

    protected static async Task<List<T>> ReadAsync<T>(AdminPortalFactory app) where T : class
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<T>().AsNoTracking().ToListAsync(Ct);
    }

    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }
            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Fake.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
