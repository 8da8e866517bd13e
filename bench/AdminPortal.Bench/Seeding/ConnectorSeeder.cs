using System.Diagnostics;
using AdminPortal.Bench.Database;
using AdminPortal.Bench.Harness;
using AdminPortal.Features.ProductLink;
using AdminPortal.Features.Service;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// The connector scenario's own small database (so the other scenarios' figures and seeding stay as they were):
/// linked users — an <c>ExternalId</c> and a product link holding their fake-product token, stored through the app's
/// <see cref="ProductTokens"/> (Data Protection, keys beside the database, which the app process reads too) — each with
/// one active door_opened identity per door. No IFTTT tokens and no timelines: the product's events fill them.
/// </summary>
public static class ConnectorSeeder
{
    /// <summary>Far beyond any run, so the app never refreshes (and the fake product has no token endpoint).</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(30);

    public static async Task<SeededDatabase> SeedAsync(BenchDatabase database, string repoRoot, Uri issuer, int users, Action<string> log, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        await using var host = new SeedHost(database, issuer, repoRoot, encryptedTokens: false);
        var services = host.Services; // migrations and start-up tasks, as for the other databases
        var hostTime = total.Elapsed;

        var benchUsers = new List<BenchUser>(users);
        long identities;
        using (var writer = database.OpenBulkWriter())
        {
            UserRows.Insert(writer, users, new Random(20261203), benchUsers);
            identities = IdentityRows.Insert(writer, services.GetRequiredService<DeclaredService>(), benchUsers, DemoService.Doors.Length);
        }

        var step = Stopwatch.StartNew();
        var tokens = services.GetRequiredService<ProductTokens>();
        var expires = DateTimeOffset.UtcNow + TokenLifetime;
        foreach (var user in benchUsers)
        {
            await tokens.StoreAsync(user.Id, UserRows.ExternalId(user.Index), null, FakeProduct.TokenFor(user.Index), refreshToken: null, expires, ct);
        }
        var linksTime = step.Elapsed;
        log($"  connector: {users:N0} linked users, {identities:N0} door identities, product links in {linksTime.TotalSeconds:0.0} s");
        return new SeededDatabase(database, benchUsers, 0, 0, identities,
            new SeedTimings(hostTime, TimeSpan.Zero, linksTime, TimeSpan.Zero, TimeSpan.Zero, total.Elapsed));
    }
}
